import { ApiAnswer } from '@custos/platform';
import { ApiOperation } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Body, Controller, UseInterceptors, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { RecordsRetentionRefusals, RetentionRefusalInterceptor } from '../shared/retention-refusal.interceptor';
import { RegisterImageSystemCommand } from './register-image-system.command';
import { RegisterImageSystemRequestDto } from './register-image-system.request.dto';

@RecordsRetentionRefusals('REGISTER_SYSTEM')
@UseInterceptors(RetentionRefusalInterceptor)
@Controller('systems')
export class RegisterImageSystemHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('REGISTRY_ADMIN', 'OWNER_OPERATOR')
  @ApiAnswer(201, { id: 'string' }, 'Registered')
  @Post()
  @ApiOperation({ summary: 'Registers an image system with its place and operator (R12)' })
  register(@CurrentPrincipal() principal: Principal, @Body() body: RegisterImageSystemRequestDto): Promise<{ id: string }> {
    const { id, ...props } = body;
    return this.commands.execute(new RegisterImageSystemCommand(principal, id ?? randomUUID(), props));
  }
}
