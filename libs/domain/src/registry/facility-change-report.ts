import { HolidayCalendar, statutoryPeriodEnd } from '../calendar/statutory-period';
import { domainErrorOf } from '../errors';
import { DomainError } from '../result';
import { SiteCategory, siteRequiresImageSystem } from './site-category';

/** The owner reports a change or removal within 30 days after it (R15.1). */
export const FACILITY_CHANGE_REPORT_DAYS = 30;

/**
 * Whether a system's owner must report its changes within the 30 days of R15.1: only a system
 * installed under Article 7, i.e. at a site of an R7.1/R7.2 category. A voluntary system
 * (Art. 10) still reports a change of a camera's place or function to the registry (R16.3:
 * they change only through a reported change), but no deadline binds it.
 */
export function facilityChangeReportDuty(siteCategories: readonly SiteCategory[]): 'ARTICLE_7' | 'NONE' {
  return siteCategories.some(siteRequiresImageSystem) ? 'ARTICLE_7' : 'NONE';
}

export interface FacilityChangeReportTiming {
  readonly duty: 'ARTICLE_7' | 'NONE';
  /** Reported before the change happens (allowed: the text bounds the report only from above). */
  readonly planned: boolean;
  /** For an Article 7 system: the last day and the first late instant (24:00 Beijing of that day). */
  readonly lastDay?: string;
  readonly deadline?: Date;
  /** False when the holiday calendar does not cover the deadline (weekends only were known). */
  readonly calendarCovers?: boolean;
  readonly late: boolean;
  readonly overdueMs?: number;
  /** The R15.1 finding of a late report (a finding for oversight, R24.1, never a refusal). */
  readonly finding?: DomainError;
}

/**
 * When a report of a change at `changedAt`, made at `reportedAt`, is due and whether it came
 * late (R15.1). The 30 days are counted as Chinese law counts periods (statutoryPeriodEnd): the
 * day of the change is not counted, the period ends at 24:00 of its last day, a last day on a
 * statutory rest day moves to the next working day. Lateness is a finding, not a refusal:
 * refusing a late report would hide the change. A report before the change is a planned
 * change, on time by definition.
 */
export function facilityChangeReportTiming(
  siteCategories: readonly SiteCategory[],
  changedAt: Date,
  reportedAt: Date,
  calendar: HolidayCalendar,
): FacilityChangeReportTiming {
  const duty = facilityChangeReportDuty(siteCategories);
  const planned = reportedAt.getTime() < changedAt.getTime();
  if (duty === 'NONE') return { duty, planned, late: false };
  const { lastDay, deadline, calendarCovers } = statutoryPeriodEnd(changedAt, FACILITY_CHANGE_REPORT_DAYS, calendar);
  const due = { duty, planned, lastDay, deadline, calendarCovers };
  const overdueMs = reportedAt.getTime() - deadline.getTime();
  if (overdueMs < 0) return { ...due, late: false };
  // At 24:00 exactly the period is over: the report is late by that instant, counted as 1 ms.
  const overdue = Math.max(overdueMs, 1);
  return {
    ...due,
    late: true,
    overdueMs: overdue,
    finding: domainErrorOf('CUSTOS_R15_1_LATE_REPORT', {
      changedAt: changedAt.toISOString(),
      reportedAt: reportedAt.toISOString(),
      lastDay,
      deadline: deadline.toISOString(),
      overdueMs: overdue,
    }),
  };
}
