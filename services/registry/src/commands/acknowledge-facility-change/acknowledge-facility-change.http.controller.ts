import { ApiAnswer } from '@custos/platform';
import { ApiOperation } from '@nestjs/swagger';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { AcknowledgeFacilityChangeCommand } from './acknowledge-facility-change.command';

@Controller('systems/:systemId/changes/:changeId/acknowledgement')
export class AcknowledgeFacilityChangeHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** The addressed public security organ's staff acknowledge the report (R15.1). */
  @Roles('REGISTRY_ADMIN', 'APPROVER', 'OFFICER', 'OVERSIGHT')
  @ApiAnswer(200, { changeId: 'string', acknowledgedAt: 'date-time' })
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledges a reported facility change (R14)' })
  acknowledge(
    @CurrentPrincipal() principal: Principal,
    @Param('systemId') systemId: string,
    @Param('changeId') changeId: string,
  ): Promise<{ changeId: string; acknowledgedAt: string }> {
    return this.commands.execute(new AcknowledgeFacilityChangeCommand(principal, systemId, changeId));
  }
}
