import { Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { ViewingSessionStateDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';
import { SessionPathDto } from '../../shared/paths.request.dto';
import { SessionAct, ViewingSessionsController } from '../session-act.http.decorators';
import { END_VIEWING_REFUSALS } from '../session.refusals';
import { EndViewingSessionCommand } from './end-viewing-session.command';
import { DecidedCommandHttpController } from '../decided-command.http';

@ViewingSessionsController('END')
export class EndViewingSessionHttpController extends DecidedCommandHttpController {
  @SessionAct({ path: 'end', role: 'OFFICER', answer: ViewingSessionStateDto, refusals: END_VIEWING_REFUSALS, summary: 'End the session as one of its two officers (R18.4)' })
  async end(@CurrentPrincipal() principal: Principal, @Param() path: SessionPathDto): Promise<ViewingSessionStateDto> {
    return this.decided(new EndViewingSessionCommand(principal, path.sessionId));
  }
}
