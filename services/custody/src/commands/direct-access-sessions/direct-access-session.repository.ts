import { directAccessSessionAggregateId } from '@custos/contracts';
import { AggregateRepository, CommandContext, EventStore } from '@custos/eventstore';
import { PoolClient } from 'pg';
import { DirectAccessSession } from './direct-access-session.aggregate';

/** Direct-access sessions from their events; a session's stream is `direct-access-session:<id>`. */
export class DirectAccessSessionRepository {
  private readonly aggregates: AggregateRepository<DirectAccessSession>;

  constructor(readonly store: EventStore) {
    this.aggregates = new AggregateRepository(store, (id) => new DirectAccessSession(id));
  }

  load(sessionId: string, tx?: PoolClient): Promise<DirectAccessSession | undefined> {
    return this.aggregates.load(directAccessSessionAggregateId(sessionId), tx);
  }

  create(sessionId: string): DirectAccessSession {
    return new DirectAccessSession(directAccessSessionAggregateId(sessionId));
  }

  save(session: DirectAccessSession, context: CommandContext, tx?: PoolClient) {
    return this.aggregates.save(session, context, tx);
  }
}
