import {
  EventEnvelope,
  FEE_CHARGE_REFUSED,
  FULFILMENT_OVERDUE_ESCALATED,
  REQUEST_CO_SIGNED,
  REQUEST_EXPIRED,
  REQUEST_FILED,
  REQUEST_WITHDRAWN,
  RequestFiled,
} from '@custos/contracts';
import { projectionOf } from '@custos/eventstore';
import { PoolClient } from 'pg';

/**
 * The officer-facing read model of the service's own events: one row per request and its
 * status history. Applied in the transaction of each append, so a command's answer and the
 * read model never disagree; every write is idempotent (version guard, event id), so a
 * `ProjectionRunner` rebuild over the same tables replays cleanly.
 */
export const requestsProjection = projectionOf({
  name: 'requests.read-model',
  tables: ['rq_requests', 'rq_history', 'rq_escalations'],
  handlers: {
    [REQUEST_FILED]: async (p, event, tx) => {
      await insertRequest(tx, event, p);
      await history(tx, event, 'AWAITING_CO_SIGNATURE', p.filedAt);
    },
    [REQUEST_CO_SIGNED]: async (p, event, tx) => {
      await update(tx, event, `status = 'CO_SIGNED', co_signer_person_id = $3, credential_numbers = $4, co_signed_at = $5`, [
        p.coSigner.personId,
        p.credentialNumbers,
        p.coSignedAt,
      ]);
      await history(tx, event, p.needsApproval ? 'AWAITING_APPROVAL' : 'REGISTERED', p.coSignedAt);
    },
    [REQUEST_WITHDRAWN]: async (p, event, tx) => {
      await update(tx, event, `status = 'WITHDRAWN'`);
      await history(tx, event, 'WITHDRAWN', p.withdrawnAt, { reason: p.reason });
    },
    [REQUEST_EXPIRED]: async (p, event, tx) => {
      await update(tx, event, `status = 'EXPIRED'`);
      await history(tx, event, 'EXPIRED', p.expiredAt, p);
    },
    [FULFILMENT_OVERDUE_ESCALATED]: async (p, event, tx) => {
      await update(tx, event, '');
      await tx.query(
        `INSERT INTO rq_escalations (request_id, image_system_id, kind, owner_organisation_id, supervising_organisation_id, ready_since, fulfil_by, escalated_at, event_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [event.aggregateId, p.imageSystemId, p.kind, p.ownerOrganisationId, p.supervisingOrganisationId, p.readySince, p.fulfilBy, p.escalatedAt, event.id],
      );
    },
    [FEE_CHARGE_REFUSED]: async (p, event, tx) => {
      await update(tx, event, '');
      await history(tx, event, 'FEE_REFUSED', event.occurredAt, p);
    },
  },
});

function insertRequest(tx: PoolClient, event: EventEnvelope, p: RequestFiled) {
  return tx.query(
    `INSERT INTO rq_requests (id, version, kind, status, organisation_id, filer_person_id, credential_numbers,
       case_reference, purpose, camera_ids, image_system_ids, owner_organisation_ids, window_from, window_to,
       filed_at, co_sign_deadline)
     VALUES ($1, $2, $3, 'AWAITING_CO_SIGNATURE', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (id) DO NOTHING`,
    [
      event.aggregateId,
      event.aggregateVersion,
      p.kind,
      p.requestingOrganisation.id,
      p.filer.personId,
      [p.filer.credentialNumber],
      p.caseReference,
      p.purpose,
      p.cameraIds,
      p.imageSystemIds,
      p.ownerOrganisationIds,
      p.window.from,
      p.window.to,
      p.filedAt,
      p.coSignDeadline,
    ],
  );
}

function history(tx: PoolClient, event: EventEnvelope, status: string, at: string, extra: { code?: string; rule?: string; reason?: string } = {}) {
  return tx.query(
    `INSERT INTO rq_history (event_id, request_id, at, status, code, rule, reason, actor_person_id, rule_pack)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
    [
      event.id,
      event.aggregateId,
      at,
      status,
      extra.code ?? null,
      extra.rule ?? null,
      extra.reason ?? null,
      event.actor.personId ?? null,
      // Every decision event names its pack (issue 21): the step shows it.
      event.payload.rulePack ?? null,
    ],
  );
}

function update(tx: PoolClient, event: EventEnvelope, set: string, params: unknown[] = []) {
  return tx.query(`UPDATE rq_requests SET version = $2${set ? `, ${set}` : ''} WHERE id = $1 AND version < $2`, [
    event.aggregateId,
    event.aggregateVersion,
    ...params,
  ]);
}
