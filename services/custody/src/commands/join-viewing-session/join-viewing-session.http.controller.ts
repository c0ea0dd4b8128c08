import { Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { ApiRefusalCodes, DOWNSTREAM_REFUSALS } from '@custos/platform';
import { JoinedViewingSessionDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';
import { SessionPathDto } from '../../shared/paths.request.dto';
import { SessionAct, ViewingSessionsController } from '../session-act.http.decorators';
import { JOIN_VIEWING_REFUSALS } from '../session.refusals';
import { JoinViewingSessionCommand } from './join-viewing-session.command';
import { DecidedCommandHttpController } from '../decided-command.http';

@ViewingSessionsController('JOIN')
export class JoinViewingSessionHttpController extends DecidedCommandHttpController {
  @SessionAct({ path: 'join', role: 'OFFICER', answer: JoinedViewingSessionDto, refusals: JOIN_VIEWING_REFUSALS, summary: 'Join as one of the two co-signing officers, qualified now; the credential is recorded (R18.1, R18.2)' })
  @ApiRefusalCodes(...DOWNSTREAM_REFUSALS)
  async join(@CurrentPrincipal() principal: Principal, @Param() path: SessionPathDto): Promise<JoinedViewingSessionDto> {
    return this.decided(new JoinViewingSessionCommand(principal, path.sessionId));
  }
}
