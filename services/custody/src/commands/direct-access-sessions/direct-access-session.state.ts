import { officerCredentials } from '../../domain/time-boxed-session.aggregate';
import { DirectAccessSession } from './direct-access-session.aggregate';
import { DirectAccessSessionStateDto } from './direct-access-sessions.response.dto';

/** What a command answers about a session: its state after the command. */
export function directAccessSessionState(session: DirectAccessSession, now: Date): DirectAccessSessionStateDto {
  return {
    ...session.openingState,
    approvalDocumentNumber: session.opened.approvalDocumentNumber,
    cameraIds: session.opened.cameraIds,
    status: session.isOpenAt(now) ? 'OPEN' : 'ENDED',
    officers: officerCredentials(session.officers),
    ...(session.ended ? { endReason: session.ended.reason, endedAt: session.ended.at } : {}),
  };
}
