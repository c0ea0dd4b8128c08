import { ApiAnswer } from '@custos/platform';
import { ApiOperation } from '@nestjs/swagger';
import { Body, Controller, UseInterceptors, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { RecordsRetentionRefusals, RetentionRefusalInterceptor } from '../shared/retention-refusal.interceptor';
import { SetRetentionCommand } from './set-retention.command';
import { SetRetentionRequestDto } from './set-retention.request.dto';

@RecordsRetentionRefusals('SET_RETENTION')
@UseInterceptors(RetentionRefusalInterceptor)
@Controller('systems/:systemId/retention')
export class SetRetentionHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('REGISTRY_ADMIN', 'OWNER_OPERATOR')
  @ApiAnswer(200, { id: 'string', retentionDays: 'integer' })
  @Put()
  @ApiOperation({ summary: "Sets an image system's retention period (R16.1)" })
  set(
    @CurrentPrincipal() principal: Principal,
    @Param('systemId') systemId: string,
    @Body() body: SetRetentionRequestDto,
  ): Promise<{ id: string; retentionDays: number }> {
    return this.commands.execute(new SetRetentionCommand(principal, systemId, body.retentionDays, body.retentionBasis));
  }
}
