import { ApiAnswer } from '@custos/platform';
import { ApiOperation } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { RegisterOfficerCommand } from './register-officer.command';
import { RegisterOfficerRequestDto } from './register-officer.request.dto';

@Controller('officers')
export class RegisterOfficerHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('REGISTRY_ADMIN')
  @ApiAnswer(201, { id: 'string' }, 'Registered')
  @Post()
  @ApiOperation({ summary: 'Registers an officer of an organisation (R18.2)' })
  register(@CurrentPrincipal() principal: Principal, @Body() body: RegisterOfficerRequestDto): Promise<{ id: string }> {
    return this.commands.execute(
      new RegisterOfficerCommand(principal, body.id ?? randomUUID(), body.personId, body.organisationId, body.name),
    );
  }
}
