import { AggregateRepository, CommandContext, EventSourcedAggregate, EventStore, inTransaction, Projection } from '@custos/eventstore';
import type { Pool, PoolClient } from 'pg';
import type { TransactionalAggregates } from './change-aggregate';

/**
 * Loads and saves one kind of event-sourced aggregate whose read model is projected in the
 * same transaction as its events: a save appends what the aggregate decided and applies each
 * stored event to the projection in the caller's transaction, so either all of it happens or
 * nothing does (a refusal thrown inside rolls everything back).
 */
export class ProjectedAggregateRepository<A extends EventSourcedAggregate> implements TransactionalAggregates<A, PoolClient> {
  private readonly aggregates: AggregateRepository<A>;

  constructor(
    readonly pool: Pool,
    readonly store: EventStore,
    create: (id: string) => A,
    private readonly projection: Pick<Projection, 'apply'>,
  ) {
    this.aggregates = new AggregateRepository(store, create);
  }

  load(id: string, tx?: PoolClient): Promise<A | undefined> {
    return this.aggregates.load(id, tx);
  }

  async save(aggregate: A, context: CommandContext, tx: PoolClient): Promise<void> {
    const stored = await this.aggregates.save(aggregate, context, tx);
    for (const event of stored) await this.projection.apply(event, tx);
  }

  /**
   * A lost race or a refused event surfaces as the kernel's EventStoreError, which the exception
   * filter answers. The appends go last, with the commit (`atCommit`), so the log's sequence lock
   * is held for no round trip of the command (the projection reads no sequence number).
   */
  transaction<T>(work: (tx: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work, { atCommit: true });
  }
}
