import { Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { Result } from '@custos/domain';
import { orRefuse } from '@custos/platform';
import { DirectAccessSessionStateDto } from '../direct-access-sessions/direct-access-sessions.response.dto';
import { SessionAct, SessionCommandsController } from '../session-act.http.decorators';
import { END_DIRECT_ACCESS_REFUSALS } from '../session.refusals';
import { EndDirectAccessSessionCommand } from './end-direct-access-session.command';

@SessionCommandsController('direct access', 'direct-access-sessions')
export class EndDirectAccessSessionHttpController {
  constructor(private readonly commands: CommandBus) {}

  @SessionAct({ path: 'end', role: 'OFFICER', answer: DirectAccessSessionStateDto, refusals: END_DIRECT_ACCESS_REFUSALS, summary: 'End the session as one of its officers (R18.4)' })
  async end(@CurrentPrincipal() principal: Principal, @Param('sessionId') sessionId: string): Promise<DirectAccessSessionStateDto> {
    const command = new EndDirectAccessSessionCommand(principal, sessionId);
    return orRefuse(await this.commands.execute<EndDirectAccessSessionCommand, Result<DirectAccessSessionStateDto>>(command));
  }
}
