import { randomUUID } from 'node:crypto';
import { Body, Controller, UseInterceptors } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { REGISTERED } from '../shared/request-rules';
import { RecordsRetentionRefusals, RetentionRefusalInterceptor } from '../shared/retention-refusal.interceptor';
import { RegisterImageSystemCommand } from './register-image-system.command';
import { RegisterImageSystemRequestDto } from './register-image-system.request.dto';

@RecordsRetentionRefusals('REGISTER_SYSTEM')
@UseInterceptors(RetentionRefusalInterceptor)
@Controller('systems')
export class RegisterImageSystemHttpController extends CommandHttpController {
  @CommandEndpoint({
    summary: 'Registers an image system with its place and operator (R12)',
    ...REGISTERED,
    roles: ['REGISTRY_ADMIN', 'OWNER_OPERATOR'],
  })
  register(@CurrentPrincipal() principal: Principal, @Body() body: RegisterImageSystemRequestDto): Promise<{ id: string }> {
    const { id, ...props } = body;
    return this.commands.execute(new RegisterImageSystemCommand(principal, id ?? randomUUID(), props));
  }
}
