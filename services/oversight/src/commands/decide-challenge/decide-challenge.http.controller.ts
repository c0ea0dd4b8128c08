import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { ChallengeDecided } from '@custos/contracts';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { ACT_ON_AN_ACT_REFUSALS } from '../shared/request-rules';
import { DecideChallengeCommand } from './decide-challenge.command';
import { DecideChallengeRequestDto } from './decide-challenge.request.dto';
import { ChallengeDecidedDto } from '../shared/acts.response.dto';
import { ChallengePath } from '../shared/finding-paths';

@ApiTags('findings')
@Controller('findings/:findingId/challenges/:challengeId/outcome')
export class DecideChallengeHttpController extends CommandHttpController {
  /** Records the outcome of a reconsideration or suit; QUASHED ends the act's effects (R26.1). */
  @CommandEndpoint({
    status: 200,
    summary: 'Records the outcome of a reconsideration or suit; a quashed act ends its effects (R26.1)',
    response: ChallengeDecidedDto,
    roles: ['OVERSIGHT', 'OWNER_OPERATOR'],
    refusals: [...ACT_ON_AN_ACT_REFUSALS, 'CUSTOS_R26_1_NOT_THE_PARTY', 'CUSTOS_R26_1_CHALLENGE_ALREADY_DECIDED'],
  })
  decide(@CurrentPrincipal() principal: Principal, @Param() path: ChallengePath, @Body() body: DecideChallengeRequestDto): Promise<ChallengeDecided> {
    return this.commands.execute(new DecideChallengeCommand(principal, path.findingId, path.challengeId, body));
  }
}
