import { domainErrorOf } from '../errors';
import { DomainError, err, ok, Result } from '../result';
import { DAY_MS } from '../shared/time-window';

/**
 * An owner reports a change or removal of facilities to the county public security organ
 * within 30 days (R15.1). Counted as 30 × 24 h from the change: China has no daylight
 * saving, so this is also 30 calendar days to the second.
 */
export const FACILITY_CHANGE_REPORT_DEADLINE_MS = 30 * DAY_MS;

export type ReportLateness =
  | { readonly late: false }
  | { readonly late: true; readonly overdueMs: number; readonly finding: DomainError };

/**
 * Whether a report of a facility change came late (R15.1): late iff reportedAt − changedAt
 * is more than 30 days, so exactly 30 days is on time. Lateness is a finding for oversight
 * (penalty under R24.1), not a reason to refuse the report: refusing it would hide the change.
 * A report dated before the change is refused as inconsistent.
 */
export function reportLateness(changedAt: Date, reportedAt: Date): Result<ReportLateness> {
  const elapsed = reportedAt.getTime() - changedAt.getTime();
  if (elapsed < 0) {
    return err(
      domainErrorOf('CUSTOS_R15_1_REPORT_BEFORE_CHANGE', {
        changedAt: changedAt.toISOString(),
        reportedAt: reportedAt.toISOString(),
      }),
    );
  }
  if (elapsed <= FACILITY_CHANGE_REPORT_DEADLINE_MS) return ok({ late: false });
  const overdueMs = elapsed - FACILITY_CHANGE_REPORT_DEADLINE_MS;
  return ok({
    late: true,
    overdueMs,
    finding: domainErrorOf('CUSTOS_R15_1_LATE_REPORT', {
      changedAt: changedAt.toISOString(),
      reportedAt: reportedAt.toISOString(),
      overdueMs,
    }),
  });
}
