import { directAccessSessionAggregateId } from '@custos/contracts';
import { EventStore } from '@custos/eventstore';
import { StreamRepository } from '../../shared/stream-repository';
import { DirectAccessSession } from './direct-access-session.aggregate';

/** Direct-access sessions from their events; a session's stream is `direct-access-session:<id>`. */
export class DirectAccessSessionRepository extends StreamRepository<DirectAccessSession> {
  constructor(store: EventStore) {
    super(store, directAccessSessionAggregateId, (id) => new DirectAccessSession(id));
  }
}
