import { REQUESTS_EVENTS, EventRegistry, quarantineResolvedDefinition } from '@custos/contracts';
import {
  AggregateRepository,
  CommandContext,
  EventStore,
  inTransaction,
} from '@custos/eventstore';
import { Pool, PoolClient } from 'pg';
import { AccessRequest } from '../domain/access-request.aggregate';
import { requestsProjection } from './requests.projection';

export function requestsEventRegistry(): EventRegistry {
  return new EventRegistry().register(...REQUESTS_EVENTS, quarantineResolvedDefinition('requests'));
}

/**
 * Loads and saves access requests. `change` runs a decision in one transaction: load, decide,
 * append the facts and project them into the read model, so either all of it happens or
 * nothing does (a refusal thrown inside rolls everything back).
 */
export class AccessRequestRepository {
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

  /** A lost race or a refused event surfaces as the kernel's EventStoreError, which the exception filter answers. */
  transaction<T>(work: (tx: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work);
  }
}

