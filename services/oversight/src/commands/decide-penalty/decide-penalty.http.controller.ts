import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { PenaltyDecided } from '@custos/contracts';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { ACT_ON_AN_ACT_REFUSALS } from '../shared/request-rules';
import { DecidePenaltyCommand } from './decide-penalty.command';
import { DecidePenaltyRequestDto } from './decide-penalty.request.dto';
import { PenaltyDecidedDto } from '../shared/acts.response.dto';
import { FindingPath } from '../shared/finding-paths';

@ApiTags('findings')
@Controller('findings/:findingId/penalties')
export class DecidePenaltyHttpController extends CommandHttpController {
  /** Records a penalty decision with its article, range, amount and responsible persons (R22.1–R25.1). */
  @CommandEndpoint({
    summary: 'Records a penalty decision: article, range, the amount decided and the responsible persons (R22.1–R25.1)',
    response: PenaltyDecidedDto,
    roles: ['OVERSIGHT'],
    refusals: [
      ...ACT_ON_AN_ACT_REFUSALS,
      'CUSTOS_R25_1_PENALTY_ARTICLE_MISMATCH', 'CUSTOS_R25_1_PARTY_NOT_PENALISED', 'CUSTOS_R25_1_AMOUNT_OUTSIDE_RANGE',
      'CUSTOS_R25_1_RESPONSIBLE_PERSONS_REQUIRED', 'CUSTOS_R25_1_NO_ORDER_BREACHED', 'CUSTOS_R26_1_ACT_QUASHED',
    ],
  })
  decide(@CurrentPrincipal() principal: Principal, @Param() path: FindingPath, @Body() body: DecidePenaltyRequestDto): Promise<PenaltyDecided> {
    return this.commands.execute(new DecidePenaltyCommand(principal, path.findingId, body));
  }
}
