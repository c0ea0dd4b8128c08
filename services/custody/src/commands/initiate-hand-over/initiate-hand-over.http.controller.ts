import { Body, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { EvidenceItemPathDto } from '../../shared/paths.request.dto';
import { HandOverRefusalInterceptor, RecordsHandOverRefusals } from '../../shared/hand-over-refusal.interceptor';
import { EvidenceItemCommandController, OfficerItemCommand } from '../evidence-item-command.http';
import { HandOverStartedDto } from '../evidence-item-commands.response.dto';
import { APPROVAL_DOCUMENT_REFUSALS } from '../evidence-item.refusals';
import { InitiateHandOverCommand } from './initiate-hand-over.command';
import { InitiateHandOverRequestDto } from './initiate-hand-over.request.dto';
import { DecidedCommandHttpController } from '../decided-command.http';

@EvidenceItemCommandController('evidence-items/:evidenceItemId/hand-overs', HandOverRefusalInterceptor)
@RecordsHandOverRefusals('INITIATE')
export class InitiateHandOverHttpController extends DecidedCommandHttpController {
  @OfficerItemCommand({
    created: HandOverStartedDto,
    summary: 'Start a hand-over: the first receiving officer presents the approval document (R18.5)',
    refusals: [...APPROVAL_DOCUMENT_REFUSALS, 'CUSTOS_R18_5_ALREADY_HANDED_OVER', 'CUSTOS_R18_5_HAND_OVER_PENDING'],
    upstream: true,
  })
  async initiate(
    @CurrentPrincipal() principal: Principal,
    @Param() path: EvidenceItemPathDto,
    @Body() body: InitiateHandOverRequestDto,
  ): Promise<HandOverStartedDto> {
    return this.decided(new InitiateHandOverCommand(principal, path.evidenceItemId, body.approval, body.purpose));
  }
}
