import { Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { Result } from '@custos/domain';
import { ApiRefusalCodes, DOWNSTREAM_REFUSALS, orRefuse } from '@custos/platform';
import { JoinedViewingSessionDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';
import { RecordsViewingRefusals, ViewingRefusalInterceptor } from '../../shared/viewing-refusal.interceptor';
import { SessionAct, SessionCommandsController } from '../session-act.http.decorators';
import { JOIN_VIEWING_REFUSALS } from '../session.refusals';
import { JoinViewingSessionCommand } from './join-viewing-session.command';

@SessionCommandsController('viewing sessions', 'viewing-sessions', ViewingRefusalInterceptor)
export class JoinViewingSessionHttpController {
  constructor(private readonly commands: CommandBus) {}

  @RecordsViewingRefusals('JOIN')
  @SessionAct({ path: 'join', role: 'OFFICER', answer: JoinedViewingSessionDto, refusals: JOIN_VIEWING_REFUSALS, summary: 'Join as one of the two co-signing officers, qualified now; the credential is recorded (R18.1, R18.2)' })
  @ApiRefusalCodes(...DOWNSTREAM_REFUSALS)
  async join(@CurrentPrincipal() principal: Principal, @Param('sessionId') sessionId: string): Promise<JoinedViewingSessionDto> {
    return orRefuse(await this.commands.execute<JoinViewingSessionCommand, Result<JoinedViewingSessionDto>>(new JoinViewingSessionCommand(principal, sessionId)));
  }
}
