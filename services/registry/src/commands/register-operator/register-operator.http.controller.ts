import { ApiAnswer } from '@custos/platform';
import { ApiOperation } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { RegisterOperatorCommand } from './register-operator.command';
import { RegisterOperatorRequestDto } from './register-operator.request.dto';

@Controller('operators')
export class RegisterOperatorHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('REGISTRY_ADMIN', 'OWNER_OPERATOR')
  @ApiAnswer(201, { id: 'string' }, 'Registered')
  @Post()
  @ApiOperation({ summary: 'Registers an operator of image systems' })
  register(@CurrentPrincipal() principal: Principal, @Body() body: RegisterOperatorRequestDto): Promise<{ id: string }> {
    return this.commands.execute(
      new RegisterOperatorCommand(principal, body.id ?? randomUUID(), body.personId, body.organisationId, body.name),
    );
  }
}
