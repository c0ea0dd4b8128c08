import { officerCredentials } from '../../domain/time-boxed-session.aggregate';
import { ViewingSession } from '../../domain/viewing-session.aggregate';
import { ViewingSessionStateDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';

/** What a command answers about a session: its state after the command. */
export function viewingSessionState(session: ViewingSession, now: Date): ViewingSessionStateDto {
  return {
    ...session.openingState,
    ownerOrganisationId: session.opened.ownerOrganisationId,
    status: session.isOpenAt(now) ? 'OPEN' : 'CLOSED',
    joined: officerCredentials(session.joined),
    bothJoined: session.bothJoined,
    ...(session.closed ? { closeReason: session.closed.reason, closedAt: session.closed.at } : {}),
  };
}
