import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { ChallengeFiled } from '@custos/contracts';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { FileChallengeCommand } from './file-challenge.command';
import { FileChallengeRequestDto } from './file-challenge.request.dto';
import { ChallengeFiledDto } from '../shared/acts.response.dto';
import { FindingPath } from '../shared/finding-paths';

@ApiTags('findings')
@Controller('findings/:findingId/challenges')
export class FileChallengeHttpController extends CommandHttpController {
  /** The party records its application for reconsideration or its suit against an order or penalty (R26.1). */
  @CommandEndpoint({
    summary: "Records the party's application for reconsideration or suit against an act (R26.1)",
    response: ChallengeFiledDto,
    roles: ['OWNER_OPERATOR'],
    refusals: ['CUSTOS_R26_1_NOT_THE_PARTY', 'CUSTOS_OVERSIGHT_ACT_NOT_FOUND', 'CUSTOS_R26_1_CHALLENGE_PENDING', 'CUSTOS_R26_1_ACT_QUASHED'],
  })
  file(@CurrentPrincipal() principal: Principal, @Param() path: FindingPath, @Body() body: FileChallengeRequestDto): Promise<ChallengeFiled> {
    return this.commands.execute(new FileChallengeCommand(principal, path.findingId, body));
  }
}
