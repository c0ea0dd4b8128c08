/** The sections of a jurisdiction's report (R19.1, R22.1–R27.1, R16.6), in the order they are given. */
export const REPORT_SECTIONS = [
  'INSPECTIONS',
  'FINDINGS_BY_RULE',
  'ORDERS_BY_STATUS',
  'PENALTIES',
  'CHALLENGES_BY_OUTCOME',
  'ANOMALIES',
  'ACCESSES_BY_ORGAN',
  'ACCESSES_BY_ORGAN_MONTH',
  'TIME_TO_FULFIL',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** How long an approved request waited for its export, not-held answer or session: the buckets of TIME_TO_FULFIL. */
export const FULFILMENT_BUCKETS = ['WITHIN_1_DAY', 'WITHIN_7_DAYS', 'WITHIN_30_DAYS', 'OVER_30_DAYS', 'NOT_YET'] as const;
