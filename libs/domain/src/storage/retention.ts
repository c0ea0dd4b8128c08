import { DAY_MS } from '../shared/time-window';
import { domainErrorOf } from '../errors';
import { err, ok, Result } from '../result';
import { RulePack } from '../rule-packs/rule-pack';
import { CN2025_PACK } from '../rule-packs/cn2025';
import { SX2012_PACK } from '../rule-packs/sx2012';

/** Footage is kept at least 30 days; a law may demand longer (R16.7; CN2025-RETAIN says the same). */
export const MINIMUM_RETENTION_DAYS = SX2012_PACK.retention.value.floorDays;

/**
 * Refuses a retention period shorter than the pack's floor in whole days (R16.7, CN2025-RETAIN:
 * 30). A fractional or non-finite number of days is refused too: object-lock retention is set
 * in whole days, and rounding down would silently shorten it.
 */
export function assertRetentionAllowed(days: number, pack: RulePack = SX2012_PACK): Result<number> {
  const { floorDays, refusalCode } = pack.retention.value;
  if (!Number.isInteger(days) || days < floorDays) {
    return err(domainErrorOf(refusalCode, { days, minimumDays: floorDays, rulePack: pack.id }));
  }
  return ok(days);
}

const RETENTION_REFUSAL_CODES: ReadonlySet<string> = new Set([SX2012_PACK.retention.value.refusalCode, CN2025_PACK.retention.value.refusalCode]);

/** Whether a refusal is of a retention below a pack's floor (R16.7, CN2025-RETAIN): what oversight is told of. */
export function isRetentionRefusal(code: string): boolean {
  return RETENTION_REFUSAL_CODES.has(code);
}

/** Why footage a request asks for is not held (R16.7). */
export type FootageNotHeldReason = 'BEYOND_RETENTION' | 'NOT_RECORDED';

export interface NotHeldQuestion {
  readonly cameraId: string;
  readonly window: { readonly from: Date; readonly to: Date };
  /** The retention of the camera's image system (R16.7), in days. */
  readonly retentionDays: number;
  /** How many stored segments of the camera overlap the window. */
  readonly heldSegments: number;
}

/**
 * The owner's answer that footage is not held (R16.7: retention is a floor, so a request for
 * older footage is accepted, and answered). Refused while any segment of the camera overlaps
 * the window: what is held is exported or viewed, never denied. The reason says whether the
 * window lies wholly before the system's retention (footage lawfully disposed of) or not
 * (nothing was recorded, or it is gone early — which oversight should look at).
 */
export function answerFootageNotHeld(question: NotHeldQuestion, now: Date): Result<FootageNotHeldReason> {
  const { cameraId, window, retentionDays, heldSegments } = question;
  if (heldSegments > 0) {
    return err(
      domainErrorOf('CUSTOS_R16_7_FOOTAGE_HELD', {
        cameraId,
        from: window.from.toISOString(),
        to: window.to.toISOString(),
        heldSegments,
      }),
    );
  }
  const heldSince = now.getTime() - retentionDays * DAY_MS;
  return ok(window.to.getTime() <= heldSince ? 'BEYOND_RETENTION' : 'NOT_RECORDED');
}
