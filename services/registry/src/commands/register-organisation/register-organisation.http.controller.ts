import { randomUUID } from 'node:crypto';
import { Body, Controller } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { REGISTERED } from '../shared/request-rules';
import { RegisterOrganisationCommand } from './register-organisation.command';
import { RegisterOrganisationRequestDto } from './register-organisation.request.dto';

@Controller('organisations')
export class RegisterOrganisationHttpController extends CommandHttpController {
  @CommandEndpoint({
    summary: 'Registers an organisation (R17.2)',
    ...REGISTERED,
    roles: ['REGISTRY_ADMIN'],
  })
  register(@CurrentPrincipal() principal: Principal, @Body() body: RegisterOrganisationRequestDto): Promise<{ id: string }> {
    const { id, ...props } = body;
    return this.commands.execute(new RegisterOrganisationCommand(principal, id ?? randomUUID(), props));
  }
}
