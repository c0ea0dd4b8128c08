import { ApiAnswer } from '@custos/platform';
import { ApiOperation } from '@nestjs/swagger';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { EventKeyRevoked } from '@custos/contracts';
import { RevokeEventKeyCommand } from './revoke-event-key.command';
import { RevokeEventKeyRequestDto } from './revoke-event-key.request.dto';

@Controller('event-keys/:service/:kid/revocation')
export class RevokeEventKeyHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('OPERATOR')
  @ApiAnswer(200, { service: 'string', kid: 'string', revokedAt: 'date-time', reason: 'string' })
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: "Revokes a service's event-signing key from now on (issue 16); final" })
  revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('service') service: string,
    @Param('kid') kid: string,
    @Body() body: RevokeEventKeyRequestDto,
  ): Promise<EventKeyRevoked> {
    return this.commands.execute(new RevokeEventKeyCommand(principal, service, kid, body.reason));
  }
}
