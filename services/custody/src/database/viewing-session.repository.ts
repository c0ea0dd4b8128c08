import { viewingSessionAggregateId } from '@custos/contracts';
import { EventStore } from '@custos/eventstore';
import { ViewingSessions } from '../commands/viewing-sessions/viewing-sessions.port';
import { ViewingSession } from '../domain/viewing-session.aggregate';
import { StreamRepository } from '../shared/stream-repository';

/** Viewing sessions from their events; a session's stream is `viewing-session:<id>`. */
export class ViewingSessionRepository extends StreamRepository<ViewingSession> implements ViewingSessions {
  constructor(store: EventStore) {
    super(store, viewingSessionAggregateId, (id) => new ViewingSession(id));
  }
}
