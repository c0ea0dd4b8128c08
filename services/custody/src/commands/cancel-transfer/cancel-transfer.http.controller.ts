import { Body, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { TransferPathDto } from '../../shared/paths.request.dto';
import { EvidenceItemCommandController, OfficerItemCommand } from '../evidence-item-command.http';
import { TransferCancelledDto } from '../evidence-item-commands.response.dto';
import { CancelTransferCommand } from './cancel-transfer.command';
import { CancelTransferRequestDto } from './cancel-transfer.request.dto';
import { DecidedCommandHttpController } from '../decided-command.http';

@EvidenceItemCommandController('evidence-items/:evidenceItemId/transfers/:transferId/cancellation')
export class CancelTransferHttpController extends DecidedCommandHttpController {
  @OfficerItemCommand({
    state: TransferCancelledDto,
    summary: 'Cancel a pending transfer as its holder (R18.5)',
    refusals: ['CUSTOS_R18_5_NO_TRANSFER_PENDING', 'CUSTOS_R3_1_NOT_THE_HOLDER'],
  })
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @Param() path: TransferPathDto,
    @Body() body: CancelTransferRequestDto,
  ): Promise<TransferCancelledDto> {
    return this.decided(new CancelTransferCommand(principal, path.evidenceItemId, path.transferId, body.reason));
  }
}
