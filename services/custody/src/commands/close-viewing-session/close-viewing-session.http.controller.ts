import { Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { Result } from '@custos/domain';
import { orRefuse } from '@custos/platform';
import { ViewingSessionStateDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';
import { RecordsViewingRefusals, ViewingRefusalInterceptor } from '../../shared/viewing-refusal.interceptor';
import { SessionAct, SessionCommandsController } from '../session-act.http.decorators';
import { CLOSE_VIEWING_REFUSALS } from '../session.refusals';
import { CloseViewingSessionCommand } from './close-viewing-session.command';

@SessionCommandsController('viewing sessions', 'viewing-sessions', ViewingRefusalInterceptor)
export class CloseViewingSessionHttpController {
  constructor(private readonly commands: CommandBus) {}

  @RecordsViewingRefusals('CLOSE')
  @SessionAct({ path: 'close', role: 'OWNER_OPERATOR', answer: ViewingSessionStateDto, refusals: CLOSE_VIEWING_REFUSALS, summary: 'Close the session early: playback stops at the next request (R18.4)' })
  async close(@CurrentPrincipal() principal: Principal, @Param('sessionId') sessionId: string): Promise<ViewingSessionStateDto> {
    return orRefuse(await this.commands.execute<CloseViewingSessionCommand, Result<ViewingSessionStateDto>>(new CloseViewingSessionCommand(principal, sessionId)));
  }
}
