import { Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { ApiRefusalCodes, DOWNSTREAM_REFUSALS } from '@custos/platform';
import { JoinedViewingSessionDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';
import { RecordsViewingRefusals, ViewingRefusalInterceptor } from '../../shared/viewing-refusal.interceptor';
import { SessionAct, SessionCommandsController } from '../session-act.http.decorators';
import { JOIN_VIEWING_REFUSALS } from '../session.refusals';
import { JoinViewingSessionCommand } from './join-viewing-session.command';
import { DecidedCommandHttpController } from '../decided-command.http';

@SessionCommandsController('viewing sessions', 'viewing-sessions', ViewingRefusalInterceptor)
export class JoinViewingSessionHttpController extends DecidedCommandHttpController {
  @RecordsViewingRefusals('JOIN')
  @SessionAct({ path: 'join', role: 'OFFICER', answer: JoinedViewingSessionDto, refusals: JOIN_VIEWING_REFUSALS, summary: 'Join as one of the two co-signing officers, qualified now; the credential is recorded (R18.1, R18.2)' })
  @ApiRefusalCodes(...DOWNSTREAM_REFUSALS)
  async join(@CurrentPrincipal() principal: Principal, @Param('sessionId') sessionId: string): Promise<JoinedViewingSessionDto> {
    return this.decided(new JoinViewingSessionCommand(principal, sessionId));
  }
}
