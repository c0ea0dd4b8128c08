import { domainErrorOf } from '../errors';
import { err, ok, Result } from '../result';
import { DAY_MS, TimeWindow } from '../shared/time-window';
import { MINIMUM_RETENTION_DAYS } from '../storage/retention';

/**
 * Validates the time window of recorded footage asked for by a view, copy or retrieval:
 * it starts before it ends (R18.4: access is time-boxed) and it does not reach past `now`
 * (recorded footage of the future does not exist).
 *
 * R16.7 is a floor, not a cut-off: footage is kept *at least* 30 days, longer where the owner
 * or another law says so, so a window older than 30 days is not refused here. Whether the
 * owner still holds it is the owner's answer ("not held"), not the requester's defect; see
 * `windowWithinRetentionFloor` for what the law guarantees is still held.
 */
export function assertFootageWindow(window: TimeWindow, now: Date): Result<TimeWindow> {
  const details = {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    now: now.toISOString(),
  };
  if (window.from.getTime() >= window.to.getTime()) {
    return err(domainErrorOf('CUSTOS_INPUT_WINDOW_EMPTY', details));
  }
  if (window.to.getTime() > now.getTime()) {
    return err(domainErrorOf('CUSTOS_INPUT_WINDOW_IN_FUTURE', details));
  }
  return ok(window);
}

/**
 * Whether every instant of `window` lies within the retention a system must keep at `now`
 * (R16.7: at least `retentionDays`, never fewer than 30): footage in it must still be held, so
 * an owner answering "not held" for it admits a breach of Article 16. Outside it, "not held"
 * is a lawful answer. A retention below the floor is counted as the floor.
 */
export function windowWithinRetentionFloor(
  window: TimeWindow,
  now: Date,
  retentionDays: number = MINIMUM_RETENTION_DAYS,
): boolean {
  const days = Math.max(retentionDays, MINIMUM_RETENTION_DAYS);
  return window.from.getTime() >= now.getTime() - days * DAY_MS;
}

/**
 * Validates the period of a direct-access grant (R17.4): access to a live system is
 * time-boxed, so the period starts before it ends, has not already ended at `now`, and lasts
 * no longer than `maxDurationMs`. The maximum is policy of the approving organ, not a number
 * in the regulation, so the caller states it.
 */
export function assertDirectAccessGrantPeriod(
  period: TimeWindow,
  now: Date,
  maxDurationMs: number,
): Result<TimeWindow> {
  const details = {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    now: now.toISOString(),
  };
  const duration = period.to.getTime() - period.from.getTime();
  if (duration <= 0) return err(domainErrorOf('CUSTOS_INPUT_WINDOW_EMPTY', details));
  if (period.to.getTime() <= now.getTime()) {
    return err(domainErrorOf('CUSTOS_R17_4_GRANT_ALREADY_ENDED', details));
  }
  if (duration > maxDurationMs) {
    return err(
      domainErrorOf('CUSTOS_R17_4_GRANT_TOO_LONG', {
        ...details,
        durationMs: duration,
        maxDurationMs,
      }),
    );
  }
  return ok(period);
}
