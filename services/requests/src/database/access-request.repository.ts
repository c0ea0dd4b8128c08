import { REQUESTS_EVENTS, EventRegistry, quarantineResolvedDefinition } from '@custos/contracts';
import {
  AggregateRepository,
  CommandContext,
  EventStore,
  EventStoreError,
  inTransaction,
} from '@custos/eventstore';
import { HttpException } from '@nestjs/common';
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

  async transaction<T>(work: (tx: PoolClient) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(this.pool, work);
    } catch (error) {
      if (error instanceof EventStoreError) {
        throw new HttpException(
          { statusCode: error.status, code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
          error.status,
        );
      }
      throw error;
    }
  }
}

