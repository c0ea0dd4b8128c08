import { REQUESTS_EVENTS, EventEnvelope, EventRegistry, quarantineResolvedDefinition } from '@custos/contracts';
import { FulfilmentKind } from '@custos/domain';
import { EventStore } from '@custos/eventstore';
import { ProjectedAggregateRepository } from '@custos/platform';
import { Pool, PoolClient } from 'pg';
import { AccessRequest } from '../domain/access-request.aggregate';
import { AccessRequests, OverdueRequest } from '../domain/access-requests.port';
import { requestsProjection } from './requests.projection';

/** Ready requests (a registered view, an approved and unrevoked copy or retrieval) past their kind's deadline at $1. */
const OVERDUE = `
  SELECT r.id, COALESCE(d.decided_at, r.co_signed_at) AS ready_since, r.image_system_ids
  FROM rq_requests r LEFT JOIN rq_decisions d ON d.request_id = r.id
  WHERE r.status = 'CO_SIGNED' AND r.kind IN ('VIEW', 'COPY', 'RETRIEVE')
    AND ((r.kind = 'VIEW' AND d.request_id IS NULL) OR (d.decision = 'APPROVED' AND d.revoked_at IS NULL))
    AND COALESCE(d.decided_at, r.co_signed_at)
        + make_interval(secs => (CASE r.kind WHEN 'VIEW' THEN $2::float8 WHEN 'COPY' THEN $3::float8 ELSE $4::float8 END) / 1000) <= $1
    AND EXISTS (SELECT 1 FROM unnest(r.image_system_ids) s(id)
                WHERE NOT EXISTS (SELECT 1 FROM rq_escalations x WHERE x.request_id = r.id AND x.image_system_id = s.id))
  ORDER BY ready_since LIMIT 500`;

/** The owner did something that fulfils the request: exported, answered "not held", or opened the viewing session. */
const FULFILLED_BY = `
  SELECT owner_organisation_id AS owner FROM rq_exports WHERE request_id = $1
  UNION SELECT organisation_id FROM rq_not_held WHERE request_id = $1
  UNION SELECT owner_organisation_id FROM rq_viewing_sessions WHERE request_id = $1`;

export function requestsEventRegistry(): EventRegistry {
  return new EventRegistry().register(...REQUESTS_EVENTS, quarantineResolvedDefinition('requests'));
}

/**
 * Loads and saves access requests. `change` runs a decision in one transaction: load, decide,
 * append the facts and project them into the read model, so either all of it happens or
 * nothing does (a refusal thrown inside rolls everything back).
 */
export class AccessRequestRepository extends ProjectedAggregateRepository<AccessRequest> implements AccessRequests {
  constructor(pool: Pool, store: EventStore) {
    super(pool, store, (id) => new AccessRequest(id), requestsProjection);
  }

  history(aggregateId: string): Promise<EventEnvelope[]> {
    return this.store.readStream(aggregateId);
  }

  async staleAwaitingCoSignature(now: Date): Promise<string[]> {
    const { rows } = await this.pool.query(
      `SELECT id FROM rq_requests WHERE status = 'AWAITING_CO_SIGNATURE' AND co_sign_deadline <= $1 ORDER BY co_sign_deadline LIMIT 1000`,
      [now.toISOString()],
    );
    return (rows as { id: string }[]).map((r) => r.id);
  }

  async overdueForFulfilment(now: Date, deadlineMs: Record<FulfilmentKind, number>): Promise<OverdueRequest[]> {
    const { rows } = await this.pool.query(OVERDUE, [now.toISOString(), deadlineMs.VIEW, deadlineMs.COPY, deadlineMs.RETRIEVE]);
    return (rows as { id: string; ready_since: Date; image_system_ids: string[] }[]).map((r) => ({
      id: r.id,
      readySince: r.ready_since,
      imageSystemIds: r.image_system_ids,
    }));
  }

  async fulfilledBy(requestId: string, tx: PoolClient): Promise<string[]> {
    return (await tx.query(FULFILLED_BY, [requestId])).rows.map((r: { owner: string }) => r.owner);
  }
}
