import { Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { HandOverPathDto } from '../../shared/paths.request.dto';
import { HandOverRefusalInterceptor, RecordsHandOverRefusals } from '../../shared/hand-over-refusal.interceptor';
import { EvidenceItemCommandController, OfficerItemCommand } from '../evidence-item-command.http';
import { HandOverConfirmedDto } from '../evidence-item-commands.response.dto';
import { APPROVAL_DOCUMENT_REFUSALS } from '../evidence-item.refusals';
import { ConfirmHandOverCommand } from './confirm-hand-over.command';
import { DecidedCommandHttpController } from '../decided-command.http';

const CONFIRMATION_REFUSALS = [
  'CUSTOS_R18_1_NO_HAND_OVER_PENDING',
  'CUSTOS_R18_1_CO_SIGNATURE_EXPIRED',
  'CUSTOS_R18_1_SAME_OFFICER_TWICE',
  'CUSTOS_R18_1_DIFFERENT_ORGAN',
  'CUSTOS_R18_5_ALREADY_HANDED_OVER',
] as const;

@EvidenceItemCommandController('evidence-items/:evidenceItemId/hand-overs/:handOverId/confirmation', HandOverRefusalInterceptor)
@RecordsHandOverRefusals('CONFIRM')
export class ConfirmHandOverHttpController extends DecidedCommandHttpController {
  @OfficerItemCommand({
    state: HandOverConfirmedDto,
    summary: 'Confirm a hand-over as the second receiving officer (R18.1, R18.2, R18.5)',
    refusals: [...APPROVAL_DOCUMENT_REFUSALS, ...CONFIRMATION_REFUSALS],
    upstream: true,
  })
  async confirm(@CurrentPrincipal() principal: Principal, @Param() path: HandOverPathDto): Promise<HandOverConfirmedDto> {
    return this.decided(new ConfirmHandOverCommand(principal, path.evidenceItemId, path.handOverId));
  }
}
