import { ViewingSession } from '../../domain/viewing-session.aggregate';
import { ViewingSessionStateDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';

/** What a command answers about a session: its state after the command. */
export function viewingSessionState(session: ViewingSession, now: Date): ViewingSessionStateDto {
  return {
    sessionId: session.sessionId,
    requestId: session.opened.requestId,
    ownerOrganisationId: session.opened.ownerOrganisationId,
    requestingOrganisationId: session.opened.requestingOrganisationId,
    status: session.isOpenAt(now) ? 'OPEN' : 'CLOSED',
    openedAt: session.opened.openedAt,
    expiresAt: session.opened.expiresAt,
    joined: [...session.joined.values()].map((o) => ({ personId: o.personId, credentialNumber: o.credentialNumber })),
    bothJoined: session.bothJoined,
    ...(session.closed ? { closeReason: session.closed.reason, closedAt: session.closed.at } : {}),
  };
}
