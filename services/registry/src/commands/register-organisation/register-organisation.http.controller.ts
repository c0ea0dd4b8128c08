import { ApiAnswer } from '@custos/platform';
import { ApiOperation } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { RegisterOrganisationCommand } from './register-organisation.command';
import { RegisterOrganisationRequestDto } from './register-organisation.request.dto';

@Controller('organisations')
export class RegisterOrganisationHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('REGISTRY_ADMIN')
  @ApiAnswer(201, { id: 'string' }, 'Registered')
  @Post()
  @ApiOperation({ summary: 'Registers an organisation (R17.2)' })
  register(@CurrentPrincipal() principal: Principal, @Body() body: RegisterOrganisationRequestDto): Promise<{ id: string }> {
    const { id, ...props } = body;
    return this.commands.execute(new RegisterOrganisationCommand(principal, id ?? randomUUID(), props));
  }
}
