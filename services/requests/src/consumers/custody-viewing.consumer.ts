import {
  accessDeniedDefinition,
  CUSTODY_EVENTS,
  CUSTODY_VIEWING_SESSION_OPENED,
  EventEnvelope,
  EventRegistry,
  eventTopic,
  quarantineResolvedDefinition,
  ViewingSessionOpened,
} from '@custos/contracts';
import { EventConsumer, EventTransport } from '@custos/eventstore';
import { Logger } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';

/**
 * Brings custody's opened viewing sessions into the requests' read model: an owner that opened
 * the session of a registered view has fulfilled it (R16.5), so it is not escalated. Through the
 * inbox, a redelivery changes nothing.
 */
export function custodyViewingConsumer(options: { name: string; pool: Pool; transport: EventTransport; topicPrefix?: string }): EventConsumer {
  const logger = new Logger('Requests');
  return new EventConsumer({
    name: options.name,
    topics: [eventTopic('custody', options.topicPrefix)],
    pool: options.pool,
    transport: options.transport,
    registry: new EventRegistry().register(...CUSTODY_EVENTS, accessDeniedDefinition('custody'), quarantineResolvedDefinition('custody')),
    handle: applyViewingSession,
    onError: (error) => logger.error({ msg: 'viewing session not applied', reason: String((error as Error)?.message ?? error) }),
  });
}

export async function applyViewingSession(event: EventEnvelope, tx: PoolClient): Promise<void> {
  if (event.type !== CUSTODY_VIEWING_SESSION_OPENED) return;
  const p = event.payload as unknown as ViewingSessionOpened;
  await tx.query(
    `INSERT INTO rq_viewing_sessions (session_id, request_id, owner_organisation_id, opened_at) VALUES ($1, $2, $3, $4) ON CONFLICT (session_id) DO NOTHING`,
    [p.sessionId, p.requestId, p.ownerOrganisationId, p.openedAt],
  );
}
