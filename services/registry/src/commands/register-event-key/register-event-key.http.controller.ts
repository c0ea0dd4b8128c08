import { ApiAnswer } from '@custos/platform';
import { ApiOperation } from '@nestjs/swagger';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { EventKeyRegistered } from '@custos/contracts';
import { RegisterEventKeyCommand } from './register-event-key.command';
import { RegisterEventKeyRequestDto } from './register-event-key.request.dto';

/**
 * The platform's operator publishes each service's key, not the service itself: whoever steals
 * a service's client secret must not be able to make a signing key of their own trusted.
 */
@Controller('event-keys')
export class RegisterEventKeyHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('OPERATOR')
  @ApiAnswer(201, { service: 'string', kid: 'string', publicKey: 'string', validFrom: 'date-time' })
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: "Publishes a service's event-signing public key (issue 16); an older key stays valid until revoked" })
  register(@CurrentPrincipal() principal: Principal, @Body() body: RegisterEventKeyRequestDto): Promise<EventKeyRegistered> {
    return this.commands.execute(
      new RegisterEventKeyCommand(principal, body.service, body.publicKey, body.validFrom === undefined ? undefined : new Date(body.validFrom)),
    );
  }
}
