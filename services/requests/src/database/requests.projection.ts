import {
  FEE_CHARGE_REFUSED,
  FULFILMENT_OVERDUE_ESCALATED,
  FulfilmentOverdueEscalated,
  REQUEST_CO_SIGNED,
  REQUEST_EXPIRED,
  REQUEST_FILED,
  REQUEST_WITHDRAWN,
  RequestCoSigned,
  RequestExpired,
  RequestFiled,
  RequestWithdrawn,
  FeeChargeRefused,
  EventEnvelope,
} from '@custos/contracts';
import { Projection } from '@custos/eventstore';
import { PoolClient } from 'pg';

/**
 * The officer-facing read model of the service's own events: one row per request and its
 * status history. Applied in the transaction of each append, so a command's answer and the
 * read model never disagree; every write is idempotent (version guard, event id), so a
 * `ProjectionRunner` rebuild over the same tables replays cleanly.
 */
export const requestsProjection: Projection = {
  name: 'requests.read-model',
  tables: ['rq_requests', 'rq_history', 'rq_escalations'],
  async apply(event: EventEnvelope, tx: PoolClient): Promise<void> {
    const history = (status: string, at: string, extra: { code?: string; rule?: string; reason?: string } = {}) =>
      tx.query(
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
          (event.payload as { rulePack?: object }).rulePack ?? null,
        ],
      );
    const update = (set: string, params: unknown[]) =>
      tx.query(`UPDATE rq_requests SET version = $2${set ? `, ${set}` : ''} WHERE id = $1 AND version < $2`, [
        event.aggregateId,
        event.aggregateVersion,
        ...params,
      ]);
    switch (event.type) {
      case REQUEST_FILED: {
        const p = event.payload as unknown as RequestFiled;
        await tx.query(
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
        return void (await history('AWAITING_CO_SIGNATURE', p.filedAt));
      }
      case REQUEST_CO_SIGNED: {
        const p = event.payload as unknown as RequestCoSigned;
        await update(`status = 'CO_SIGNED', co_signer_person_id = $3, credential_numbers = $4, co_signed_at = $5`, [
          p.coSigner.personId,
          p.credentialNumbers,
          p.coSignedAt,
        ]);
        return void (await history(p.needsApproval ? 'AWAITING_APPROVAL' : 'REGISTERED', p.coSignedAt));
      }
      case REQUEST_WITHDRAWN: {
        const p = event.payload as unknown as RequestWithdrawn;
        await update(`status = 'WITHDRAWN'`, []);
        return void (await history('WITHDRAWN', p.withdrawnAt, { reason: p.reason }));
      }
      case REQUEST_EXPIRED: {
        const p = event.payload as unknown as RequestExpired;
        await update(`status = 'EXPIRED'`, []);
        return void (await history('EXPIRED', p.expiredAt, p));
      }
      case FULFILMENT_OVERDUE_ESCALATED: {
        const p = event.payload as unknown as FulfilmentOverdueEscalated;
        await update('', []);
        await tx.query(
          `INSERT INTO rq_escalations (request_id, image_system_id, kind, owner_organisation_id, supervising_organisation_id, ready_since, fulfil_by, escalated_at, event_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
          [event.aggregateId, p.imageSystemId, p.kind, p.ownerOrganisationId, p.supervisingOrganisationId, p.readySince, p.fulfilBy, p.escalatedAt, event.id],
        );
        return;
      }
      case FEE_CHARGE_REFUSED: {
        const p = event.payload as unknown as FeeChargeRefused;
        await update('', []);
        return void (await history('FEE_REFUSED', event.occurredAt, p));
      }
    }
  },
};

