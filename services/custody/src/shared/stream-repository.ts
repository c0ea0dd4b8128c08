import { AggregateRepository, CommandContext, EventSourcedAggregate, EventStore } from '@custos/eventstore';
import { PoolClient } from 'pg';

/**
 * Aggregates of one kind from their events, each on the stream `streamOf(id)` (an evidence
 * item's `evidence-item:<id>`, a session's): loaded, created and saved at the revision they
 * were loaded at, by custody's id rather than the stream's.
 */
export abstract class StreamRepository<A extends EventSourcedAggregate> {
  private readonly aggregates: AggregateRepository<A>;

  protected constructor(
    readonly store: EventStore,
    private readonly streamOf: (id: string) => string,
    private readonly make: (streamId: string) => A,
  ) {
    this.aggregates = new AggregateRepository(store, make);
  }

  load(id: string, tx?: PoolClient): Promise<A | undefined> {
    return this.aggregates.load(this.streamOf(id), tx);
  }

  create(id: string): A {
    return this.make(this.streamOf(id));
  }

  save(aggregate: A, context: CommandContext, tx?: PoolClient) {
    return this.aggregates.save(aggregate, context, tx);
  }
}
