import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { ChallengeDecided } from '@custos/contracts';
import { ApiCodedErrors } from '@custos/platform';
import { DecideChallengeCommand } from './decide-challenge.command';
import { DecideChallengeRequestDto } from './decide-challenge.request.dto';
import { ChallengeDecidedDto } from '../shared/acts.response.dto';

@ApiTags('findings')
@Controller('findings/:findingId/challenges/:challengeId/outcome')
export class DecideChallengeHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Records the outcome of a reconsideration or suit; QUASHED ends the act's effects (R26.1). */
  @Roles('OVERSIGHT', 'OWNER_OPERATOR')
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: ChallengeDecidedDto })
  @ApiOperation({ summary: 'Records the outcome of a reconsideration or suit; a quashed act ends its effects (R26.1)' })
  @ApiCodedErrors({
    403: ['CUSTOS_R26_1_NOT_THE_PARTY', 'CUSTOS_R19_1_NOT_A_COMPETENT_PSB', 'CUSTOS_R19_1_OUTSIDE_JURISDICTION'],
    404: ['CUSTOS_OVERSIGHT_ACT_NOT_FOUND'],
    409: ['CUSTOS_R26_1_CHALLENGE_ALREADY_DECIDED'],
  })
  decide(
    @CurrentPrincipal() principal: Principal,
    @Param('findingId') findingId: string,
    @Param('challengeId') challengeId: string,
    @Body() body: DecideChallengeRequestDto,
  ): Promise<ChallengeDecided> {
    return this.commands.execute(new DecideChallengeCommand(principal, findingId, challengeId, body));
  }
}
