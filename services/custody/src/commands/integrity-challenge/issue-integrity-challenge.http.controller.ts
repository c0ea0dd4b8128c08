import { Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { EvidenceItemPathDto } from '../../shared/paths.request.dto';
import { CommandEndpoint } from '@custos/platform';
import { IntegrityChallengeDto } from '../evidence-item-commands.response.dto';
import { ITEM_COMMAND_REFUSALS } from '../evidence-item.refusals';
import { IssueIntegrityChallengeCommand } from './issue-integrity-challenge.command';
import { DecidedCommandHttpController } from '../decided-command.http';

@ApiTags('custody')
@Controller('evidence-items/:evidenceItemId/integrity-challenges')
export class IssueIntegrityChallengeHttpController extends DecidedCommandHttpController {
  @CommandEndpoint({
    summary: 'Get a nonce to attest your copy of the package with, without being told its hash (R18.5)',
    response: IntegrityChallengeDto,
    roles: ['OFFICER'],
    refusals: [...ITEM_COMMAND_REFUSALS, 'CUSTOS_R18_5_NOT_HANDED_OVER', 'CUSTOS_R3_1_NOT_THE_HOLDER'],
  })
  async issue(@CurrentPrincipal() principal: Principal, @Param() path: EvidenceItemPathDto): Promise<IntegrityChallengeDto> {
    const command = new IssueIntegrityChallengeCommand(principal, path.evidenceItemId);
    return this.decided(command);
  }
}
