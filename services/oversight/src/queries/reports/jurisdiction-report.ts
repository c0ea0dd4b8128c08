import { Principal } from '@custos/auth';
import { readScopeOf, scopeClause } from '../../access/oversight-access';
import { OversightContext } from '../../oversight.context';
import { activityIn, anomaliesIn } from '../anomalies/anomaly-facts';
import { PLACED_FINDINGS } from '../findings/placed-findings';
import { Period } from '../shared/period.request.dto';

/** One figure of a report: what is counted, under which key, and how many. */
export interface ReportRow {
  readonly section: 'INSPECTIONS' | 'FINDINGS_BY_RULE' | 'ORDERS_BY_STATUS' | 'PENALTIES' | 'CHALLENGES_BY_OUTCOME' | 'ANOMALIES' | 'ACCESSES_BY_ORGAN';
  readonly key: string;
  readonly count: number;
  /** Penalties: the amounts decided, summed (CNY); absent elsewhere. */
  readonly amountCny?: number;
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
 * outcome, anomaly figures by kind, and accesses (views, copies, retrievals) by organ. A quashed
 * act counts under QUASHED, not under its status. Every figure is drawn from rows that name
 * their events (`GET /findings`, `GET /anomalies`).
 */
export async function jurisdictionReport(oversight: OversightContext, principal: Principal, period: Period): Promise<JurisdictionReport> {
  await oversight.readModel.catchUp();
  const scope = readScopeOf(principal);
  const query = async (sql: (where: string) => string): Promise<Record<string, unknown>[]> => {
    const values: unknown[] = [period.from, period.to];
    const where = scopeClause(scope, values, 'placed_division', 'placed_owner');
    return (await oversight.pool.query(sql(where), values)).rows;
  };
  const inspections = await query(
    (w) => `SELECT count(*)::int AS n FROM (SELECT i.*, COALESCE(i.division_code, '') AS placed_division, i.organisation_id AS placed_owner
            FROM ov_inspections i) x WHERE inspected_at >= $1 AND inspected_at < $2 AND ${w}`,
  );
  const findings = await query((w) => `SELECT rule AS key, count(*)::int AS n FROM ${PLACED_FINDINGS} WHERE raised_at >= $1 AND raised_at < $2 AND ${w} GROUP BY rule ORDER BY rule`);
  const acts = (kind: string, key: string, extra = '') =>
    query(
      (w) => `SELECT ${key} AS key, count(*)::int AS n ${extra} FROM ov_acts a JOIN ${PLACED_FINDINGS} ON pf.finding_id = a.finding_id
              WHERE a.kind = '${kind}' AND a.at >= $1 AND a.at < $2 AND ${w} GROUP BY 1 ORDER BY 1`,
    );
  const orders = await acts('ORDER', "CASE WHEN a.quashed THEN 'QUASHED' ELSE a.status END");
  const penalties = await acts('PENALTY', "CASE WHEN a.quashed THEN 'QUASHED' ELSE a.detail->>'article' END", ", sum((a.detail->>'amountCny')::numeric)::float AS amount");
  const challenges = await acts('CHALLENGE', 'a.status');
  const anomalies = await anomaliesIn(oversight, principal, period);
  const accesses = await activityIn(oversight, principal, period);
  const accessCounts = new Map<string, number>();
  for (const a of accesses.filter((f) => f.kind === 'ACCESS')) {
    // One access is one event, however many officers took part.
    const key = `${a.organisationId}/${a.detail}/${a.evidence.eventId}`;
    if (!accessCounts.has(key)) accessCounts.set(key, 1);
  }
  const byOrgan = new Map<string, number>();
  for (const key of accessCounts.keys()) {
    const [organ, kind] = key.split('/');
    byOrgan.set(`${organ}/${kind}`, (byOrgan.get(`${organ}/${kind}`) ?? 0) + 1);
  }
  const anomalyCounts = new Map<string, number>();
  for (const f of anomalies) anomalyCounts.set(f.kind, (anomalyCounts.get(f.kind) ?? 0) + 1);
  const rowsOf = (section: ReportRow['section'], rows: Record<string, unknown>[]): ReportRow[] =>
    rows.map((r) => ({ section, key: String(r.key), count: Number(r.n), ...(r.amount !== undefined ? { amountCny: Number(r.amount) } : {}) }));
  return {
    divisionCode: principal.divisionCode,
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    rows: [
      { section: 'INSPECTIONS', key: 'ALL', count: Number(inspections[0].n) },
      ...rowsOf('FINDINGS_BY_RULE', findings),
      ...rowsOf('ORDERS_BY_STATUS', orders),
      ...rowsOf('PENALTIES', penalties),
      ...rowsOf('CHALLENGES_BY_OUTCOME', challenges),
      ...[...anomalyCounts.entries()].sort().map(([key, count]) => ({ section: 'ANOMALIES' as const, key, count })),
      ...[...byOrgan.entries()].sort().map(([key, count]) => ({ section: 'ACCESSES_BY_ORGAN' as const, key, count })),
    ],
  };
}

/** The report as CSV: UTF-8 with a byte-order mark (so spreadsheet software reads the Chinese right), CRLF lines (RFC 4180). */
export function reportCsv(report: JurisdictionReport): string {
  const cell = (v: string | number | undefined) => {
    const s = v === undefined ? '' : String(v);
    // A leading =, +, - or @ would be read as a formula by a spreadsheet.
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [
    ['division_code', 'from', 'to', 'section', 'key', 'count', 'amount_cny'],
    ...report.rows.map((r) => [report.divisionCode, report.from, report.to, r.section, r.key, r.count, r.amountCny]),
  ];
  return `\uFEFF${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
}
