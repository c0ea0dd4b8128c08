import { Principal } from '@custos/auth';
import { ActivityFact, ActivityKind, AnomalyFigure, computeAnomalies } from '@custos/domain';
import { readScopeOf, scopeClause } from '../../access/oversight-access';
import { OversightReadModel } from '../shared/oversight-read-model';
import { Period } from '../shared/period.request.dto';

/** Activity rows of organs within the caller's jurisdiction (placed by the registry's facts) in the period. */
export async function activityIn(oversight: OversightReadModel, principal: Principal, period: Period): Promise<(ActivityFact & { detail: string | null })[]> {
  const values: unknown[] = [period.from, period.to];
  const scope = scopeClause(readScopeOf(principal), values, 'o.division_code', 'a.organisation_id');
  const { rows } = await oversight.pool.query(
    `SELECT a.* FROM ov_activity a JOIN ov_organisations o ON o.id = a.organisation_id
     WHERE a.at >= $1 AND a.at < $2 AND ${scope} ORDER BY a.service, a.sequence`,
    values,
  );
  return rows.map(activityFactOf);
}

function activityFactOf(r: Record<string, unknown>): ActivityFact & { detail: string | null } {
  return {
    kind: r.kind as ActivityKind,
    organisationId: r.organisation_id as string,
    subject: r.subject as string,
    at: r.at as Date,
    detail: (r.detail as string | null) ?? null,
    evidence: { service: r.service as string, sequence: Number(r.sequence), eventId: r.event_id as string },
  };
}

/**
 * The anomaly figures of the caller's jurisdiction in the period, at the configured thresholds
 * (R27.1). Requests approved in the period are judged stalled as of its end, or now if earlier,
 * against what moved them on at any time until then (wherever it was done).
 */
export async function anomaliesIn(oversight: OversightReadModel, principal: Principal, period: Period): Promise<AnomalyFigure[]> {
  const facts = await activityIn(oversight, principal, period);
  const asOf = new Date(Math.min(period.to.getTime(), oversight.now().getTime()));
  const granted = facts.filter((f) => f.kind === 'APPROVAL_GRANTED').map((f) => f.subject);
  const { rows } = await oversight.pool.query("SELECT * FROM ov_activity WHERE kind = 'CASE_PROGRESS' AND subject = ANY($1) AND at <= $2", [granted, asOf]);
  const progress = rows.map(activityFactOf);
  return computeAnomalies([...facts, ...progress], period, oversight.thresholds, asOf);
}
