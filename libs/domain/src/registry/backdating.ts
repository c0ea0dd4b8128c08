import { domainErrorOf } from '../errors';
import { err, ok, Result } from '../result';

/**
 * How far before the registry's clock a start may lie and still count as "now": the admin's
 * clock and the registry's differ by seconds, and a form filled in takes minutes.
 */
export const BACKDATING_TOLERANCE_MS = 5 * 60 * 1000;

/** What starts: a head term (who may sign approvals, R17.2–R17.4) or a credential (R18.2). */
export type BackdatedStart = 'HEAD_TERM' | 'QUALIFICATION';

/**
 * A head term or a credential that begins in the past rewrites who could approve or access at
 * instants already decided (issue 16): an approval refused for want of a head, or an access
 * refused for want of a credential, would pass a re-check afterwards. So a start earlier than
 * `now` by more than {@link BACKDATING_TOLERANCE_MS} needs a reason, which the event records
 * (R17.2 for head terms, R18.2 for credentials). A start in the future needs none.
 */
export function assertBackdatingReasoned(
  kind: BackdatedStart,
  start: Date,
  now: Date,
  backdatingReason: string | undefined,
): Result<void> {
  if (!isBackdated(start, now)) return ok();
  if (backdatingReason !== undefined && backdatingReason.trim() !== '') return ok();
  const details = { start: start.toISOString(), now: now.toISOString(), toleranceMs: BACKDATING_TOLERANCE_MS };
  return err(
    kind === 'HEAD_TERM'
      ? domainErrorOf('CUSTOS_R17_2_HEAD_TERM_BACKDATED_WITHOUT_REASON', details)
      : domainErrorOf('CUSTOS_R18_2_QUALIFICATION_BACKDATED_WITHOUT_REASON', details),
  );
}

/** Whether `start` lies before `now` beyond the tolerance: the event then carries the reason. */
export function isBackdated(start: Date, now: Date): boolean {
  return start.getTime() < now.getTime() - BACKDATING_TOLERANCE_MS;
}
