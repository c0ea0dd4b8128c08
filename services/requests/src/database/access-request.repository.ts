import { REQUESTS_EVENTS, EventEnvelope, EventRegistry, quarantineResolvedDefinition } from '@custos/contracts';
import { FulfilmentKind } from '@custos/domain';
import {
  AggregateRepository,
  CommandContext,
  EventStore,
  inTransaction,
} from '@custos/eventstore';
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
export class AccessRequestRepository implements AccessRequests {
  private readonly aggregates: AggregateRepository<AccessRequest>;

  constructor(
    readonly pool: Pool,
    readonly store: EventStore,
  ) {
    this.aggregates = new AggregateRepository(store, (id) => new AccessRequest(id));
  }

  load(id: string, tx?: PoolClient): Promise<AccessRequest | undefined> {
    return this.aggregates.load(id, tx);
  }

  async save(request: AccessRequest, context: CommandContext, tx: PoolClient): Promise<void> {
    const stored = await this.aggregates.save(request, context, tx);
    for (const event of stored) await requestsProjection.apply(event, tx);
  }

  /**
   * A lost race or a refused event surfaces as the kernel's EventStoreError, which the exception
   * filter answers. The appends go last, with the commit (`atCommit`), so the log's sequence
   * lock is held for no round trip of the command.
   */
  transaction<T>(work: (tx: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work, { atCommit: true });
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
