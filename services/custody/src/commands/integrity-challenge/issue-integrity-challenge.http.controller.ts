import { Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { Result } from '@custos/domain';
import { ApiRefusalCodes, orRefuse } from '@custos/platform';
import { IntegrityChallengeDto } from '../evidence-item-commands.response.dto';
import { ITEM_COMMAND_REFUSALS } from '../evidence-item.refusals';
import { IssueIntegrityChallengeCommand } from './issue-integrity-challenge.command';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/integrity-challenges')
export class IssueIntegrityChallengeHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('OFFICER')
  @ApiCreatedResponse({ type: IntegrityChallengeDto })
  @ApiRefusalCodes(...ITEM_COMMAND_REFUSALS, 'CUSTOS_R18_5_NOT_HANDED_OVER', 'CUSTOS_R3_1_NOT_THE_HOLDER')
  @ApiOperation({ summary: 'Get a nonce to attest your copy of the package with, without being told its hash (R18.5)' })
  async issue(@CurrentPrincipal() principal: Principal, @Param('evidenceItemId') evidenceItemId: string): Promise<IntegrityChallengeDto> {
    const command = new IssueIntegrityChallengeCommand(principal, evidenceItemId);
    return orRefuse(await this.commands.execute<IssueIntegrityChallengeCommand, Result<IntegrityChallengeDto>>(command));
  }
}
