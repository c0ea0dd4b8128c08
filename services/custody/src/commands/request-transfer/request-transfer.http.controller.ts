import { Body, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { EvidenceItemPathDto } from '../../shared/paths.request.dto';
import { EvidenceItemCommandController, OfficerItemCommand } from '../evidence-item-command.http';
import { TransferRequestedDto } from '../evidence-item-commands.response.dto';
import { RequestTransferCommand } from './request-transfer.command';
import { RequestTransferRequestDto } from './request-transfer.request.dto';
import { DecidedCommandHttpController } from '../decided-command.http';

const TRANSFER_REFUSALS = [
  'CUSTOS_R17_1_TRANSFER_TARGET_NOT_AN_ORGAN',
  'CUSTOS_R18_5_TRANSFER_RECEIVER_NOT_OF_TARGET',
  'CUSTOS_R18_5_TRANSFER_PENDING',
  'CUSTOS_R18_5_NOT_IN_CUSTODY',
  'CUSTOS_R18_5_INTEGRITY_MISMATCH',
  'CUSTOS_R3_1_NOT_THE_HOLDER',
] as const;

@EvidenceItemCommandController('evidence-items/:evidenceItemId/transfers')
export class RequestTransferHttpController extends DecidedCommandHttpController {
  @OfficerItemCommand({
    created: TransferRequestedDto,
    summary: 'Request a transfer of custody; the receiver must acknowledge it (R18.5)',
    refusals: [...TRANSFER_REFUSALS],
  })
  async request(
    @CurrentPrincipal() principal: Principal,
    @Param() path: EvidenceItemPathDto,
    @Body() body: RequestTransferRequestDto,
  ): Promise<TransferRequestedDto> {
    const command = new RequestTransferCommand(principal, path.evidenceItemId, body.toOrganisationId, body.toPersonId, body.purpose);
    return this.decided(command);
  }
}
