import { CUSTODY_EVENTS, CUSTODY_VIEWING_SESSION_OPENED } from '@custos/contracts';
import { EventConsumer, handleByType, TopicConsumerOptions } from '@custos/eventstore';
import { upstreamTopicConsumer } from './upstream-topic.consumer';

/**
 * Brings custody's opened viewing sessions into the requests' read model: an owner that opened
 * the session of a registered view has fulfilled it (R16.5), so it is not escalated. Through the
 * inbox, a redelivery changes nothing.
 */
export function custodyViewingConsumer(options: TopicConsumerOptions): EventConsumer {
  return upstreamTopicConsumer(options, 'custody', CUSTODY_EVENTS, applyViewingSession, 'viewing session not applied');
}

/** An opened viewing session, as the escalation sweep looks for it. */
export const applyViewingSession = handleByType({
  [CUSTODY_VIEWING_SESSION_OPENED]: (p, _event, tx) =>
    tx.query(
      `INSERT INTO rq_viewing_sessions (session_id, request_id, owner_organisation_id, opened_at) VALUES ($1, $2, $3, $4) ON CONFLICT (session_id) DO NOTHING`,
      [p.sessionId, p.requestId, p.ownerOrganisationId, p.openedAt],
    ),
});
