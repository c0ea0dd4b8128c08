import { Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { ViewingSessionStateDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';
import { RecordsViewingRefusals, ViewingRefusalInterceptor } from '../../shared/viewing-refusal.interceptor';
import { SessionAct, SessionCommandsController } from '../session-act.http.decorators';
import { END_VIEWING_REFUSALS } from '../session.refusals';
import { EndViewingSessionCommand } from './end-viewing-session.command';
import { DecidedCommandHttpController } from '../decided-command.http';

@SessionCommandsController('viewing sessions', 'viewing-sessions', ViewingRefusalInterceptor)
export class EndViewingSessionHttpController extends DecidedCommandHttpController {
  @RecordsViewingRefusals('END')
  @SessionAct({ path: 'end', role: 'OFFICER', answer: ViewingSessionStateDto, refusals: END_VIEWING_REFUSALS, summary: 'End the session as one of its two officers (R18.4)' })
  async end(@CurrentPrincipal() principal: Principal, @Param('sessionId') sessionId: string): Promise<ViewingSessionStateDto> {
    return this.decided(new EndViewingSessionCommand(principal, sessionId));
  }
}
