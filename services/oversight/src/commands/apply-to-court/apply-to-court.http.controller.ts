import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CourtEnforcementApplied } from '@custos/contracts';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { ACT_ON_AN_ACT_REFUSALS } from '../shared/request-rules';
import { ApplyToCourtCommand } from './apply-to-court.command';
import { ApplyToCourtRequestDto } from './apply-to-court.request.dto';
import { CourtEnforcementAppliedDto } from '../shared/acts.response.dto';
import { OrderPath } from '../shared/finding-paths';

@ApiTags('findings')
@Controller('findings/:findingId/orders/:orderId/court-applications')
export class ApplyToCourtHttpController extends CommandHttpController {
  /** Records the application to the people's court on a refused removal (R22.1). */
  @CommandEndpoint({
    summary: "Records the application to the people's court after a refused removal (R22.1)",
    response: CourtEnforcementAppliedDto,
    roles: ['OVERSIGHT'],
    refusals: [...ACT_ON_AN_ACT_REFUSALS, 'CUSTOS_R22_1_COURT_ONLY_FOR_REFUSED_REMOVAL', 'CUSTOS_R26_1_ACT_QUASHED'],
  })
  apply(@CurrentPrincipal() principal: Principal, @Param() path: OrderPath, @Body() body: ApplyToCourtRequestDto): Promise<CourtEnforcementApplied> {
    return this.commands.execute(new ApplyToCourtCommand(principal, path.findingId, path.orderId, body));
  }
}
