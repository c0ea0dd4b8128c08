import { Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { ViewingSessionStateDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';
import { SessionPathDto } from '../../shared/paths.request.dto';
import { SessionAct, ViewingSessionsController } from '../session-act.http.decorators';
import { CLOSE_VIEWING_REFUSALS } from '../session.refusals';
import { CloseViewingSessionCommand } from './close-viewing-session.command';
import { DecidedCommandHttpController } from '../decided-command.http';

@ViewingSessionsController('CLOSE')
export class CloseViewingSessionHttpController extends DecidedCommandHttpController {
  @SessionAct({ path: 'close', role: 'OWNER_OPERATOR', answer: ViewingSessionStateDto, refusals: CLOSE_VIEWING_REFUSALS, summary: 'Close the session early: playback stops at the next request (R18.4)' })
  async close(@CurrentPrincipal() principal: Principal, @Param() path: SessionPathDto): Promise<ViewingSessionStateDto> {
    return this.decided(new CloseViewingSessionCommand(principal, path.sessionId));
  }
}
