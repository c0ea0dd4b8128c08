import { DirectAccessSession } from './direct-access-session.aggregate';
import { DirectAccessSessionStateDto } from './direct-access-sessions.response.dto';

/** What a command answers about a session: its state after the command. */
export function directAccessSessionState(session: DirectAccessSession, now: Date): DirectAccessSessionStateDto {
  return {
    sessionId: session.sessionId,
    requestId: session.opened.requestId,
    approvalDocumentNumber: session.opened.approvalDocumentNumber,
    requestingOrganisationId: session.opened.requestingOrganisationId,
    cameraIds: session.opened.cameraIds,
    status: session.isOpenAt(now) ? 'OPEN' : 'ENDED',
    openedAt: session.opened.openedAt,
    expiresAt: session.opened.expiresAt,
    officers: [...session.officers.values()].map((o) => ({ personId: o.personId, credentialNumber: o.credentialNumber })),
    ...(session.ended ? { endReason: session.ended.reason, endedAt: session.ended.at } : {}),
  };
}
