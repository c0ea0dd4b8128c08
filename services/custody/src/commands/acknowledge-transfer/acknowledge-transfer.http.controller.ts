import { Body, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { TransferPathDto } from '../../shared/paths.request.dto';
import { EvidenceItemCommandController, OfficerItemCommand } from '../evidence-item-command.http';
import { TransferAcknowledgedDto } from '../evidence-item-commands.response.dto';
import { INTEGRITY_REFUSALS } from '../evidence-item.refusals';
import { AttestationDto } from '../integrity-challenge/integrity-challenge';
import { AcknowledgeTransferCommand } from './acknowledge-transfer.command';
import { DecidedCommandHttpController } from '../decided-command.http';

const ACKNOWLEDGEMENT_REFUSALS = ['CUSTOS_R18_5_NO_TRANSFER_PENDING', 'CUSTOS_R3_1_NOT_THE_RECEIVER', 'CUSTOS_R18_1_SAME_OFFICER_TWICE', 'CUSTOS_R18_1_DIFFERENT_ORGAN'] as const;

@EvidenceItemCommandController('evidence-items/:evidenceItemId/transfers/:transferId/acknowledgement')
export class AcknowledgeTransferHttpController extends DecidedCommandHttpController {
  @OfficerItemCommand({
    state: TransferAcknowledgedDto,
    summary: 'Acknowledge a transfer as its receiver, attesting your copy; custody re-hashes the stored package (R18.5)',
    refusals: [...INTEGRITY_REFUSALS, ...ACKNOWLEDGEMENT_REFUSALS],
  })
  async acknowledge(
    @CurrentPrincipal() principal: Principal,
    @Param() path: TransferPathDto,
    @Body() body: AttestationDto,
  ): Promise<TransferAcknowledgedDto> {
    return this.decided(new AcknowledgeTransferCommand(principal, path.evidenceItemId, path.transferId, body));
  }
}
