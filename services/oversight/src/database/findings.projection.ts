import {
  ChallengeDecided,
  ChallengeFiled,
  EventEnvelope,
  FindingRaised,
  OVERSIGHT_CHALLENGE_DECIDED,
  OVERSIGHT_CHALLENGE_FILED,
  OVERSIGHT_COURT_ENFORCEMENT_APPLIED,
  OVERSIGHT_FINDING_RAISED,
  OVERSIGHT_INSPECTION_RECORDED,
  OVERSIGHT_ORDER_FOLLOWED_UP,
  OVERSIGHT_ORDER_SERVED,
  OVERSIGHT_PENALTY_DECIDED,
} from '@custos/contracts';
import { projectionOf } from '@custos/eventstore';
import { PoolClient } from 'pg';

const findingOf = (event: EventEnvelope): string => event.aggregateId.slice('finding:'.length);

/** A new act on the event's finding, its detail the event's payload. */
function act(tx: PoolClient, event: EventEnvelope, kind: string, id: string, status: string, party: string | null, at: string) {
  return tx.query(
    `INSERT INTO ov_acts (act_id, kind, finding_id, seq, status, party_organisation_id, detail, at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
    [id, kind, findingOf(event), event.sequence, status, party, event.payload, at],
  );
}

/** An act's new status, with the fact that settled it kept under `key` of its detail. */
async function settle(tx: PoolClient, kind: string, id: string, status: string, key: string, fact: object, at: string) {
  const { rows } = await tx.query(
    `UPDATE ov_acts SET status = $3, detail = detail || jsonb_build_object($4::text, $5::jsonb), updated_at = $6
     WHERE kind = $1 AND act_id = $2 RETURNING detail`,
    [kind, id, status, key, JSON.stringify(fact), at],
  );
  return rows;
}

function raised(tx: PoolClient, event: EventEnvelope, f: FindingRaised) {
  return tx.query(
    `INSERT INTO ov_findings (finding_id, seq, origin, rule, penalty_rule, code, image_system_id, camera_id,
       organisation_id, division_code, description, evidence, inspection_id, raised_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      f.findingId, event.sequence, f.origin, f.rule, f.penaltyRule ?? null, f.code ?? null, f.subject.imageSystemId ?? null,
      f.subject.cameraId ?? null, f.subject.organisationId ?? null, f.subject.divisionCode ?? null, f.description,
      JSON.stringify(f.evidence), f.inspectionId ?? null, f.raisedAt,
    ],
  );
}

/** A challenge decided: a quashed act is marked, and so are the penalties resting on a quashed order (R26.1). */
async function challengeDecided(tx: PoolClient, event: EventEnvelope, d: ChallengeDecided): Promise<void> {
  const rows = await settle(tx, 'CHALLENGE', d.challengeId, d.outcome, 'decision', d, d.decidedAt);
  if (d.outcome !== 'QUASHED' || rows.length === 0) return;
  const filed = rows[0].detail as ChallengeFiled;
  await tx.query('UPDATE ov_acts SET quashed = true, updated_at = $3 WHERE kind = $1 AND act_id = $2', [filed.actKind, filed.actId, d.decidedAt]);
  if (filed.actKind === 'ORDER') {
    await tx.query(`UPDATE ov_acts SET quashed = true, updated_at = $3 WHERE kind = 'PENALTY' AND finding_id = $1 AND detail->>'orderId' = $2`, [
      findingOf(event),
      filed.actId,
      d.decidedAt,
    ]);
  }
}

/**
 * Oversight's read model, rebuilt exactly from oversight's own log: findings (with their
 * evidence, the ledger entries they rest on), inspections, and every act on a finding with its
 * status. An act is one row (`ov_acts`): ORDER (SERVED → COMPLIED | NOT_COMPLIED), PENALTY
 * (DECIDED), COURT_APPLICATION (APPLIED), CHALLENGE (PENDING → its outcome); `quashed` marks an
 * act a reconsideration or suit quashed (R26.1), and the penalties resting on a quashed order.
 */
export const findingsProjection = projectionOf({
  name: 'oversight-findings',
  tables: ['ov_findings', 'ov_inspections', 'ov_acts'],
  handlers: {
    [OVERSIGHT_FINDING_RAISED]: (f, event, tx) => raised(tx, event, f),
    [OVERSIGHT_INSPECTION_RECORDED]: (i, event, tx) =>
      tx.query(
        `INSERT INTO ov_inspections (inspection_id, seq, image_system_id, organisation_id, division_code, areas, inspected_by,
           record, finding_ids, inspected_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [i.inspectionId, event.sequence, i.subject.imageSystemId ?? null, i.subject.organisationId ?? null, i.subject.divisionCode ?? null,
          i.areas, JSON.stringify(i.inspectedBy), i.record, i.findingIds, i.inspectedAt],
      ),
    [OVERSIGHT_ORDER_SERVED]: (o, event, tx) => act(tx, event, 'ORDER', o.orderId, 'SERVED', o.partyOrganisationId, o.servedAt),
    [OVERSIGHT_ORDER_FOLLOWED_UP]: (f, _event, tx) => settle(tx, 'ORDER', f.orderId, f.result, 'followUp', f, f.checkedAt),
    [OVERSIGHT_PENALTY_DECIDED]: (p, event, tx) => act(tx, event, 'PENALTY', p.penaltyId, 'DECIDED', p.partyOrganisationId, p.decidedAt),
    [OVERSIGHT_COURT_ENFORCEMENT_APPLIED]: (c, event, tx) => act(tx, event, 'COURT_APPLICATION', c.applicationId, 'APPLIED', null, c.appliedAt),
    [OVERSIGHT_CHALLENGE_FILED]: (c, event, tx) => act(tx, event, 'CHALLENGE', c.challengeId, 'PENDING', c.filedBy.organisationId, c.filedAt),
    [OVERSIGHT_CHALLENGE_DECIDED]: (d, event, tx) => challengeDecided(tx, event, d),
  },
});
