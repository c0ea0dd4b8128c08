import { Controller, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { AcknowledgeFacilityChangeCommand } from './acknowledge-facility-change.command';
import { FacilityChangeAcknowledgement } from './acknowledge-facility-change.handler';
import { FacilityChangePath } from '../shared/registry-paths';

@Controller('systems/:systemId/changes/:changeId/acknowledgement')
export class AcknowledgeFacilityChangeHttpController extends CommandHttpController {
  /** The addressed public security organ's staff acknowledge the report (R15.1). */
  @CommandEndpoint({
    status: 200,
    summary: 'Acknowledges a reported facility change (R14)',
    response: { changeId: 'string', acknowledgedAt: 'date-time' },
    roles: ['REGISTRY_ADMIN', 'APPROVER', 'OFFICER', 'OVERSIGHT'],
  })
  acknowledge(@CurrentPrincipal() principal: Principal, @Param() path: FacilityChangePath): Promise<FacilityChangeAcknowledgement> {
    return this.commands.execute(new AcknowledgeFacilityChangeCommand(principal, path.systemId, path.changeId));
  }
}
