import { Body } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, DOWNSTREAM_REFUSALS } from '@custos/platform';
import { ViewingSessionStateDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';
import { ViewingSessionsController } from '../session-act.http.decorators';
import { OPEN_VIEWING_REFUSALS } from '../session.refusals';
import { OpenViewingSessionCommand } from './open-viewing-session.command';
import { OpenViewingSessionRequestDto } from './open-viewing-session.request.dto';
import { DecidedCommandHttpController } from '../decided-command.http';

@ViewingSessionsController('OPEN')
export class OpenViewingSessionHttpController extends DecidedCommandHttpController {
  @CommandEndpoint({
    summary: 'Open a time-boxed viewing session for a co-signed VIEW request of your systems (R18.1–R18.4)',
    response: ViewingSessionStateDto,
    roles: ['OWNER_OPERATOR'],
    refusals: [...OPEN_VIEWING_REFUSALS, ...DOWNSTREAM_REFUSALS],
  })
  async open(@CurrentPrincipal() principal: Principal, @Body() body: OpenViewingSessionRequestDto): Promise<ViewingSessionStateDto> {
    const command = new OpenViewingSessionCommand(principal, body.requestId, body.durationMinutes * 60_000);
    return this.decided(command);
  }
}
