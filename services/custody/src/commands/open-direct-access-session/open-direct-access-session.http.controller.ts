import { Body } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint } from '@custos/platform';
import { DirectAccessSessionStateDto } from '../direct-access-sessions/direct-access-sessions.response.dto';
import { SessionCommandsController } from '../session-act.http.decorators';
import { OPEN_DIRECT_ACCESS_REFUSALS } from '../session.refusals';
import { OpenDirectAccessSessionCommand } from './open-direct-access-session.command';
import { OpenDirectAccessSessionRequestDto } from './open-direct-access-session.request.dto';
import { DecidedCommandHttpController } from '../decided-command.http';

@SessionCommandsController('direct access', 'direct-access-sessions')
export class OpenDirectAccessSessionHttpController extends DecidedCommandHttpController {
  @CommandEndpoint({
    summary: 'Open a time-boxed session of an approved direct access of your organ (R17.4, R18.4)',
    response: DirectAccessSessionStateDto,
    roles: ['OFFICER'],
    refusals: OPEN_DIRECT_ACCESS_REFUSALS,
  })
  async open(@CurrentPrincipal() principal: Principal, @Body() body: OpenDirectAccessSessionRequestDto): Promise<DirectAccessSessionStateDto> {
    const command = new OpenDirectAccessSessionCommand(principal, body.requestId, body.durationMinutes * 60_000);
    return this.decided(command);
  }
}
