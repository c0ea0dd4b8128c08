import { Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { SessionPathDto } from '../../shared/paths.request.dto';
import { JoinedDirectAccessSessionDto } from '../direct-access-sessions/direct-access-sessions.response.dto';
import { SessionAct, SessionCommandsController } from '../session-act.http.decorators';
import { JOIN_DIRECT_ACCESS_REFUSALS } from '../session.refusals';
import { JoinDirectAccessSessionCommand } from './join-direct-access-session.command';
import { DecidedCommandHttpController } from '../decided-command.http';

@SessionCommandsController('direct access', 'direct-access-sessions')
export class JoinDirectAccessSessionHttpController extends DecidedCommandHttpController {
  @SessionAct({ path: 'join', role: 'OFFICER', answer: JoinedDirectAccessSessionDto, refusals: JOIN_DIRECT_ACCESS_REFUSALS, summary: 'Join as another officer of the granted organ, qualified now; the credential is recorded (R18.1, R18.2)' })
  async join(@CurrentPrincipal() principal: Principal, @Param() path: SessionPathDto): Promise<JoinedDirectAccessSessionDto> {
    return this.decided(new JoinDirectAccessSessionCommand(principal, path.sessionId));
  }
}
