import { randomUUID } from 'node:crypto';
import { Body, Controller } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { REGISTERED } from '../shared/request-rules';
import { RegisterOperatorCommand } from './register-operator.command';
import { RegisterOperatorRequestDto } from './register-operator.request.dto';

@Controller('operators')
export class RegisterOperatorHttpController extends CommandHttpController {
  @CommandEndpoint({
    summary: 'Registers an operator of image systems',
    ...REGISTERED,
    roles: ['REGISTRY_ADMIN', 'OWNER_OPERATOR'],
  })
  register(@CurrentPrincipal() principal: Principal, @Body() body: RegisterOperatorRequestDto): Promise<{ id: string }> {
    return this.commands.execute(
      new RegisterOperatorCommand(principal, body.id ?? randomUUID(), body.personId, body.organisationId, body.name),
    );
  }
}
