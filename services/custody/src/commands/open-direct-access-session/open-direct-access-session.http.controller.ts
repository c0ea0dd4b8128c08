import { Body, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { Result } from '@custos/domain';
import { ApiRefusalCodes, orRefuse } from '@custos/platform';
import { DirectAccessSessionStateDto } from '../direct-access-sessions/direct-access-sessions.response.dto';
import { SessionCommandsController } from '../session-act.http.decorators';
import { OPEN_DIRECT_ACCESS_REFUSALS } from '../session.refusals';
import { OpenDirectAccessSessionCommand } from './open-direct-access-session.command';
import { OpenDirectAccessSessionRequestDto } from './open-direct-access-session.request.dto';

@SessionCommandsController('direct access', 'direct-access-sessions')
export class OpenDirectAccessSessionHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('OFFICER')
  @ApiCreatedResponse({ type: DirectAccessSessionStateDto })
  @ApiRefusalCodes(...OPEN_DIRECT_ACCESS_REFUSALS)
  @ApiOperation({ summary: 'Open a time-boxed session of an approved direct access of your organ (R17.4, R18.4)' })
  async open(@CurrentPrincipal() principal: Principal, @Body() body: OpenDirectAccessSessionRequestDto): Promise<DirectAccessSessionStateDto> {
    const command = new OpenDirectAccessSessionCommand(principal, body.requestId, body.durationMinutes * 60_000);
    return orRefuse(await this.commands.execute<OpenDirectAccessSessionCommand, Result<DirectAccessSessionStateDto>>(command));
  }
}
