import { Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { Result } from '@custos/domain';
import { orRefuse } from '@custos/platform';
import { JoinedDirectAccessSessionDto } from '../direct-access-sessions/direct-access-sessions.response.dto';
import { SessionAct, SessionCommandsController } from '../session-act.http.decorators';
import { JOIN_DIRECT_ACCESS_REFUSALS } from '../session.refusals';
import { JoinDirectAccessSessionCommand } from './join-direct-access-session.command';

@SessionCommandsController('direct access', 'direct-access-sessions')
export class JoinDirectAccessSessionHttpController {
  constructor(private readonly commands: CommandBus) {}

  @SessionAct({ path: 'join', role: 'OFFICER', answer: JoinedDirectAccessSessionDto, refusals: JOIN_DIRECT_ACCESS_REFUSALS, summary: 'Join as another officer of the granted organ, qualified now; the credential is recorded (R18.1, R18.2)' })
  async join(@CurrentPrincipal() principal: Principal, @Param('sessionId') sessionId: string): Promise<JoinedDirectAccessSessionDto> {
    const command = new JoinDirectAccessSessionCommand(principal, sessionId);
    return orRefuse(await this.commands.execute<JoinDirectAccessSessionCommand, Result<JoinedDirectAccessSessionDto>>(command));
  }
}
