import { viewingSessionAggregateId } from '@custos/contracts';
import { AggregateRepository, EventStore } from '@custos/eventstore';
import { PoolClient } from 'pg';
import { ViewingSessions } from '../commands/viewing-sessions/viewing-sessions.port';
import { ViewingSession } from '../domain/viewing-session.aggregate';

/** Viewing sessions from their events; a session's stream is `viewing-session:<id>`. */
export class ViewingSessionRepository implements ViewingSessions {
  private readonly aggregates: AggregateRepository<ViewingSession>;

  constructor(readonly store: EventStore) {
    this.aggregates = new AggregateRepository(store, (id) => new ViewingSession(id));
  }

  load(sessionId: string, tx?: PoolClient): Promise<ViewingSession | undefined> {
    return this.aggregates.load(viewingSessionAggregateId(sessionId), tx);
  }

  create(sessionId: string): ViewingSession {
    return new ViewingSession(viewingSessionAggregateId(sessionId));
  }

  save(session: ViewingSession, context: Parameters<AggregateRepository<ViewingSession>['save']>[1], tx?: PoolClient) {
    return this.aggregates.save(session, context, tx);
  }
}
