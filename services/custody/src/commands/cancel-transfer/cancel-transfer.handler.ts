import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ok, Result } from '@custos/domain';
import { EvidenceItemDecision } from '../evidence-item-decision';
import { TransferCancelledDto } from '../evidence-item-commands.response.dto';
import { CancelTransferCommand } from './cancel-transfer.command';

/**
 * A qualified officer of the holding organ withdraws a transfer not yet acknowledged, with a
 * reason (R18.5): recorded as `custody.TransferCancelled`; the item stays with its holder and
 * may be transferred again.
 */
@CommandHandler(CancelTransferCommand)
export class CancelTransferHandler implements ICommandHandler<CancelTransferCommand, Result<TransferCancelledDto>> {
  constructor(private readonly decisions: EvidenceItemDecision) {}

  async execute({ principal, evidenceItemId, transferId, reason }: CancelTransferCommand): Promise<Result<TransferCancelledDto>> {
    const decided = await this.decisions.decide(principal, evidenceItemId, (item, officer, now) => item.cancelTransfer(transferId, officer.record, reason, now));
    if (!decided.ok) return decided;
    const { item } = decided.value;
    return ok({ evidenceItemId, transferId, transfer: 'CANCELLED', status: item.status, holderOrganisationId: item.holderOrganisationId });
  }
}
