import { Controller, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { AcknowledgeFacilityChangeCommand } from './acknowledge-facility-change.command';

@Controller('systems/:systemId/changes/:changeId/acknowledgement')
export class AcknowledgeFacilityChangeHttpController extends CommandHttpController {
  /** The addressed public security organ's staff acknowledge the report (R15.1). */
  @CommandEndpoint({
    status: 200,
    summary: 'Acknowledges a reported facility change (R14)',
    response: { changeId: 'string', acknowledgedAt: 'date-time' },
    roles: ['REGISTRY_ADMIN', 'APPROVER', 'OFFICER', 'OVERSIGHT'],
  })
  acknowledge(
    @CurrentPrincipal() principal: Principal,
    @Param('systemId') systemId: string,
    @Param('changeId') changeId: string,
  ): Promise<{ changeId: string; acknowledgedAt: string }> {
    return this.commands.execute(new AcknowledgeFacilityChangeCommand(principal, systemId, changeId));
  }
}
