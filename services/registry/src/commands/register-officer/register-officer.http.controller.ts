import { randomUUID } from 'node:crypto';
import { Body, Controller } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { REGISTERED } from '../shared/request-rules';
import { RegisterOfficerCommand } from './register-officer.command';
import { RegisterOfficerRequestDto } from './register-officer.request.dto';

@Controller('officers')
export class RegisterOfficerHttpController extends CommandHttpController {
  @CommandEndpoint({
    summary: 'Registers an officer of an organisation (R18.2)',
    ...REGISTERED,
    roles: ['REGISTRY_ADMIN'],
  })
  register(@CurrentPrincipal() principal: Principal, @Body() body: RegisterOfficerRequestDto): Promise<{ id: string }> {
    return this.commands.execute(
      new RegisterOfficerCommand(principal, body.id ?? randomUUID(), body.personId, body.organisationId, body.name),
    );
  }
}
