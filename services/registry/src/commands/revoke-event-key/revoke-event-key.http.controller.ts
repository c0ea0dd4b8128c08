import { Body, Controller, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { EventKeyRevoked } from '@custos/contracts';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { RevokeEventKeyCommand } from './revoke-event-key.command';
import { RevokeEventKeyRequestDto } from './revoke-event-key.request.dto';
import { EventKeyPath } from '../shared/registry-paths';

@Controller('event-keys/:service/:kid/revocation')
export class RevokeEventKeyHttpController extends CommandHttpController {
  @CommandEndpoint({
    status: 200,
    summary: "Revokes a service's event-signing key from now on (issue 16); final",
    response: { service: 'string', kid: 'string', revokedAt: 'date-time', reason: 'string' },
    roles: ['OPERATOR'],
  })
  revoke(@CurrentPrincipal() principal: Principal, @Param() path: EventKeyPath, @Body() body: RevokeEventKeyRequestDto): Promise<EventKeyRevoked> {
    return this.commands.execute(new RevokeEventKeyCommand(principal, path.service, path.kid, body.reason));
  }
}
