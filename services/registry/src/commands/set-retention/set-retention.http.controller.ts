import { Body, Controller, Param, UseInterceptors } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { RecordsRetentionRefusals, RetentionRefusalInterceptor } from '../shared/retention-refusal.interceptor';
import { SetRetentionCommand } from './set-retention.command';
import { SystemRetention } from './set-retention.handler';
import { SetRetentionRequestDto } from './set-retention.request.dto';
import { SystemPath } from '../shared/registry-paths';

@RecordsRetentionRefusals('SET_RETENTION')
@UseInterceptors(RetentionRefusalInterceptor)
@Controller('systems/:systemId/retention')
export class SetRetentionHttpController extends CommandHttpController {
  @CommandEndpoint({
    method: 'PUT',
    status: 200,
    summary: "Sets an image system's retention period (R16.1)",
    response: { id: 'string', retentionDays: 'integer' },
    roles: ['REGISTRY_ADMIN', 'OWNER_OPERATOR'],
  })
  set(@CurrentPrincipal() principal: Principal, @Param() path: SystemPath, @Body() body: SetRetentionRequestDto): Promise<SystemRetention> {
    return this.commands.execute(new SetRetentionCommand(principal, path.systemId, body.retentionDays, body.retentionBasis));
  }
}
