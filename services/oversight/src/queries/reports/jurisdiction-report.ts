import { Principal } from '@custos/auth';
import { APPROVAL_DOCUMENT_REVOKED } from '@custos/contracts';
import { ActivityFact, DAY_MS, EvidenceRef } from '@custos/domain';
import { OVERSIGHT_SERVICE } from '../../domain/oversight-service';
import { readScopeOf, scopeClause } from '../../access/oversight-access';
import { OversightReadModel } from '../shared/oversight-read-model';
import { activityIn, anomaliesIn } from '../anomalies/anomaly-facts';
import { PLACED_FINDINGS } from '../findings/placed-findings';
import { inclusionProofPath } from '../shared/cursor';
import { FULFILMENT_BUCKETS, ReportSection } from './report-sections';
import { Period } from '../shared/period.request.dto';

/** An event behind a figure: where the ledger holds it and proves it. */
export interface ReportEvidence extends EvidenceRef {
  readonly inclusionProof: string;
}

/** One figure of a report: what is counted, under which key, how many, and the ledger entries it is drawn from. */
export interface ReportRow {
  readonly section: ReportSection;
  readonly key: string;
  readonly count: number;
  /** Penalties: the amounts decided, summed (CNY); absent elsewhere. */
  readonly amountCny?: number;
  readonly evidence: readonly ReportEvidence[];
}

export interface JurisdictionReport {
  readonly divisionCode: string;
  readonly from: string;
  readonly to: string;
  readonly rows: ReportRow[];
}

/**
 * The report of a jurisdiction and period (R19.1, R22.1–R27.1, R16.6), from the projections of
 * the log: inspections, findings by rule, orders by status, penalties decided, challenges by
 * outcome, anomaly figures by kind, accesses (views, copies, retrievals) by organ and by organ
 * and month (Beijing time), and the time approved requests waited to be fulfilled. A quashed act
 * counts under QUASHED, not under its status. Every figure names the ledger entries it counts:
 * oversight's own events for inspections, findings and acts, the other services' for the rest.
 */
export async function jurisdictionReport(oversight: OversightReadModel, principal: Principal, period: Period): Promise<JurisdictionReport> {
  await oversight.readModel.catchUp();
  const scope = readScopeOf(principal);
  const query = async (sql: (where: string) => string): Promise<Record<string, unknown>[]> => {
    const values: unknown[] = [period.from, period.to];
    const where = scopeClause(scope, values, 'placed_division', 'placed_owner');
    return (await oversight.pool.query(sql(where), values)).rows;
  };
  const inspections = await query(
    (w) => `SELECT 'ALL' AS key, count(*)::int AS n, array_agg(seq) AS seqs FROM (SELECT i.*, COALESCE(i.division_code, '') AS placed_division, i.organisation_id AS placed_owner
            FROM ov_inspections i) x WHERE inspected_at >= $1 AND inspected_at < $2 AND ${w}`,
  );
  const findings = await query(
    (w) => `SELECT rule AS key, count(*)::int AS n, array_agg(seq) AS seqs FROM ${PLACED_FINDINGS} WHERE raised_at >= $1 AND raised_at < $2 AND ${w} GROUP BY rule ORDER BY rule`,
  );
  const acts = (kind: string, key: string, extra = '') =>
    query(
      (w) => `SELECT ${key} AS key, count(*)::int AS n, array_agg(a.seq) AS seqs ${extra} FROM ov_acts a JOIN ${PLACED_FINDINGS} ON pf.finding_id = a.finding_id
              WHERE a.kind = '${kind}' AND a.at >= $1 AND a.at < $2 AND ${w} GROUP BY 1 ORDER BY 1`,
    );
  const orders = await acts('ORDER', "CASE WHEN a.quashed THEN 'QUASHED' ELSE a.status END");
  const penalties = await acts('PENALTY', "CASE WHEN a.quashed THEN 'QUASHED' ELSE a.detail->>'article' END", ", sum((a.detail->>'amountCny')::numeric)::float AS amount");
  const challenges = await acts('CHALLENGE', 'a.status');
  const ownEvents = await oversightEntries(oversight, [inspections, findings, orders, penalties, challenges].flat().flatMap((r) => (r.seqs as string[] | null) ?? []));
  const rowsOf = (section: ReportSection, rows: Record<string, unknown>[]): ReportRow[] =>
    rows.map((r) => ({
      section,
      key: String(r.key),
      count: Number(r.n),
      ...(r.amount !== undefined ? { amountCny: Number(r.amount) } : {}),
      evidence: withProofs(((r.seqs as string[] | null) ?? []).flatMap((seq) => ownEvents.get(Number(seq)) ?? [])),
    }));
  const activity = await activityIn(oversight, principal, period);
  const anomalies = await anomaliesIn(oversight, principal, period);
  return {
    divisionCode: principal.divisionCode,
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    rows: [
      ...rowsOf('INSPECTIONS', inspections),
      ...rowsOf('FINDINGS_BY_RULE', findings),
      ...rowsOf('ORDERS_BY_STATUS', orders),
      ...rowsOf('PENALTIES', penalties),
      ...rowsOf('CHALLENGES_BY_OUTCOME', challenges),
      ...grouped('ANOMALIES', anomalies.map((f) => ({ key: f.kind, evidence: f.evidence }))),
      ...accessRows(activity),
      ...grouped('TIME_TO_FULFIL', await fulfilments(oversight, activity)),
    ],
  };
}

/** Oversight's own events by sequence: the ledger holds them under service `oversight`. */
async function oversightEntries(oversight: OversightReadModel, seqs: readonly (string | number)[]): Promise<Map<number, EvidenceRef>> {
  const { rows } = await oversight.pool.query('SELECT id, sequence FROM es_events WHERE sequence = ANY($1::bigint[])', [seqs.map(String)]);
  return new Map(rows.map((r) => [Number(r.sequence), { service: OVERSIGHT_SERVICE, sequence: Number(r.sequence), eventId: r.id as string }]));
}

function withProofs(evidence: readonly EvidenceRef[]): ReportEvidence[] {
  const unique = new Map(evidence.map((e) => [e.eventId, e]));
  return [...unique.values()]
    .sort((a, b) => a.service.localeCompare(b.service) || a.sequence - b.sequence)
    .map((e) => ({ ...e, inclusionProof: inclusionProofPath(e.eventId) }));
}

/** Rows of a section counted per key, one per item given (an anomaly figure, a request), with every item's events. */
function grouped(section: ReportSection, items: readonly { key: string; evidence: readonly EvidenceRef[] }[]): ReportRow[] {
  const byKey = new Map<string, { count: number; evidence: EvidenceRef[] }>();
  for (const item of items) {
    const row = byKey.get(item.key) ?? { count: 0, evidence: [] };
    row.count += 1;
    row.evidence.push(...item.evidence);
    byKey.set(item.key, row);
  }
  return [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, r]) => ({ section, key, count: r.count, evidence: withProofs(r.evidence) }));
}

/** The calendar month of an instant in Beijing time (UTC+8, no daylight saving), `YYYY-MM`. */
export function beijingMonthOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 7);
}

/** Accesses by organ and kind, and by organ and month: one access is one event, however many officers took part. */
function accessRows(activity: readonly (ActivityFact & { detail: string | null })[]): ReportRow[] {
  const accesses = new Map<string, ActivityFact & { detail: string | null }>();
  for (const a of activity) if (a.kind === 'ACCESS') accesses.set(a.evidence.eventId, a);
  const all = [...accesses.values()];
  return [
    ...grouped('ACCESSES_BY_ORGAN', all.map((a) => ({ key: `${a.organisationId}/${a.detail}`, evidence: [a.evidence] }))),
    ...grouped('ACCESSES_BY_ORGAN_MONTH', all.map((a) => ({ key: `${a.organisationId}/${beijingMonthOf(a.at)}`, evidence: [a.evidence] }))),
  ];
}

/** The bucket of the time from an approval to its first fulfilment (R27.1: how long requests wait). */
export function fulfilmentBucket(grantedAt: Date, fulfilledAt: Date | undefined): (typeof FULFILMENT_BUCKETS)[number] {
  if (fulfilledAt === undefined) return 'NOT_YET';
  const days = (fulfilledAt.getTime() - grantedAt.getTime()) / DAY_MS;
  return days <= 1 ? 'WITHIN_1_DAY' : days <= 7 ? 'WITHIN_7_DAYS' : days <= 30 ? 'WITHIN_30_DAYS' : 'OVER_30_DAYS';
}

/** Each request approved in the period with the bucket of its wait, its approval and its first fulfilment as evidence. */
async function fulfilments(oversight: OversightReadModel, activity: readonly ActivityFact[]): Promise<{ key: string; evidence: EvidenceRef[] }[]> {
  const grants = activity.filter((a) => a.kind === 'APPROVAL_GRANTED');
  const { rows } = await oversight.pool.query(
    `SELECT DISTINCT ON (subject) subject, at, service, sequence, event_id FROM ov_activity
     WHERE kind = 'CASE_PROGRESS' AND detail <> $2 AND subject = ANY($1) ORDER BY subject, at`,
    [grants.map((g) => g.subject), APPROVAL_DOCUMENT_REVOKED],
  );
  const first = new Map(rows.map((r) => [r.subject as string, r]));
  return grants.map((g) => {
    const done = first.get(g.subject);
    const evidence = done ? [g.evidence, { service: done.service as string, sequence: Number(done.sequence), eventId: done.event_id as string }] : [g.evidence];
    return { key: fulfilmentBucket(g.at, done ? (done.at as Date) : undefined), evidence };
  });
}

/** The report as CSV: UTF-8 with a byte-order mark (so spreadsheet software reads the Chinese right), CRLF lines (RFC 4180). */
export function reportCsv(report: JurisdictionReport): string {
  const cell = (v: string | number | undefined) => {
    const s = v === undefined ? '' : String(v);
    // A leading =, +, - or @ would be read as a formula by a spreadsheet.
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  // The ledger entries of each figure as `service#sequence`, space-separated: enough to look each up.
  const lines = [
    ['division_code', 'from', 'to', 'section', 'key', 'count', 'amount_cny', 'ledger_entries'],
    ...report.rows.map((r) => [report.divisionCode, report.from, report.to, r.section, r.key, r.count, r.amountCny, r.evidence.map((e) => `${e.service}#${e.sequence}`).join(' ')]),
  ];
  return `\uFEFF${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
}
