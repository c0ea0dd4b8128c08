import { Actor, EventEnvelope } from '@custos/contracts';
import { PoolClient } from 'pg';
import { EventStore } from '../store/event-store';
import { EventSourcedAggregate } from './event-sourced.aggregate';

/** Who asked, and which request or event led here: stamped on every event saved. */
export interface CommandContext {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId?: string | null;
}

/** Loads aggregates from their events and saves what they decided, with optimistic concurrency. */
export class AggregateRepository<A extends EventSourcedAggregate> {
  constructor(
    private readonly store: EventStore,
    private readonly create: (id: string) => A,
  ) {}

  /** The aggregate as of its last event, or undefined when it has none. */
  async load(id: string, tx?: PoolClient): Promise<A | undefined> {
    const history = await this.store.readStream(id, tx);
    if (history.length === 0) return undefined;
    const aggregate = this.create(id);
    aggregate.loadFromHistory(history.map((e) => ({ type: e.type, schemaVersion: e.schemaVersion, payload: e.payload })));
    aggregate.version = history[history.length - 1].aggregateVersion;
    return aggregate;
  }

  /** Appends the uncommitted events; a concurrent change is a CUSTOS_ES_CONCURRENCY_CONFLICT. */
  async save(aggregate: A, context: CommandContext, tx?: PoolClient): Promise<EventEnvelope[]> {
    const pending = aggregate.getUncommittedEvents();
    const stored = await this.store.append(
      {
        aggregateId: aggregate.id,
        expectedVersion: aggregate.version,
        events: pending.map((e) => ({
          type: e.type,
          schemaVersion: e.schemaVersion,
          // A copy as the envelope's JSON object; the store validates it against its type's class.
          payload: { ...e.payload },
          actor: context.actor,
          correlationId: context.correlationId,
          causationId: context.causationId ?? null,
        })),
      },
      tx,
    );
    aggregate.uncommit();
    if (stored.length > 0) aggregate.version = stored[stored.length - 1].aggregateVersion;
    return stored;
  }
}
