import { Body, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { Result } from '@custos/domain';
import { ApiRefusalCodes, DOWNSTREAM_REFUSALS, orRefuse } from '@custos/platform';
import { ViewingSessionStateDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';
import { RecordsViewingRefusals, ViewingRefusalInterceptor } from '../../shared/viewing-refusal.interceptor';
import { SessionCommandsController } from '../session-act.http.decorators';
import { OPEN_VIEWING_REFUSALS } from '../session.refusals';
import { OpenViewingSessionCommand } from './open-viewing-session.command';
import { OpenViewingSessionRequestDto } from './open-viewing-session.request.dto';

@SessionCommandsController('viewing sessions', 'viewing-sessions', ViewingRefusalInterceptor)
@RecordsViewingRefusals('OPEN')
export class OpenViewingSessionHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('OWNER_OPERATOR')
  @ApiCreatedResponse({ type: ViewingSessionStateDto })
  @ApiRefusalCodes(...OPEN_VIEWING_REFUSALS, ...DOWNSTREAM_REFUSALS)
  @ApiOperation({ summary: 'Open a time-boxed viewing session for a co-signed VIEW request of your systems (R18.1–R18.4)' })
  async open(@CurrentPrincipal() principal: Principal, @Body() body: OpenViewingSessionRequestDto): Promise<ViewingSessionStateDto> {
    const command = new OpenViewingSessionCommand(principal, body.requestId, body.durationMinutes * 60_000);
    return orRefuse(await this.commands.execute<OpenViewingSessionCommand, Result<ViewingSessionStateDto>>(command));
  }
}
