import { Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { ViewingSessionStateDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';
import { RecordsViewingRefusals, ViewingRefusalInterceptor } from '../../shared/viewing-refusal.interceptor';
import { SessionAct, SessionCommandsController } from '../session-act.http.decorators';
import { CLOSE_VIEWING_REFUSALS } from '../session.refusals';
import { CloseViewingSessionCommand } from './close-viewing-session.command';
import { DecidedCommandHttpController } from '../decided-command.http';

@SessionCommandsController('viewing sessions', 'viewing-sessions', ViewingRefusalInterceptor)
export class CloseViewingSessionHttpController extends DecidedCommandHttpController {
  @RecordsViewingRefusals('CLOSE')
  @SessionAct({ path: 'close', role: 'OWNER_OPERATOR', answer: ViewingSessionStateDto, refusals: CLOSE_VIEWING_REFUSALS, summary: 'Close the session early: playback stops at the next request (R18.4)' })
  async close(@CurrentPrincipal() principal: Principal, @Param('sessionId') sessionId: string): Promise<ViewingSessionStateDto> {
    return this.decided(new CloseViewingSessionCommand(principal, sessionId));
  }
}
