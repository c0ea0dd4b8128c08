import { Body, Controller } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { EventKeyRegistered } from '@custos/contracts';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { RegisterEventKeyCommand } from './register-event-key.command';
import { RegisterEventKeyRequestDto } from './register-event-key.request.dto';

/**
 * The platform's operator publishes each service's key, not the service itself: whoever steals
 * a service's client secret must not be able to make a signing key of their own trusted.
 */
@Controller('event-keys')
export class RegisterEventKeyHttpController extends CommandHttpController {
  @CommandEndpoint({
    summary: "Publishes a service's event-signing public key (issue 16); an older key stays valid until revoked",
    response: { service: 'string', kid: 'string', publicKey: 'string', validFrom: 'date-time' },
    roles: ['OPERATOR'],
  })
  register(@CurrentPrincipal() principal: Principal, @Body() body: RegisterEventKeyRequestDto): Promise<EventKeyRegistered> {
    return this.commands.execute(
      new RegisterEventKeyCommand(principal, body.service, body.publicKey, body.validFrom === undefined ? undefined : new Date(body.validFrom)),
    );
  }
}
