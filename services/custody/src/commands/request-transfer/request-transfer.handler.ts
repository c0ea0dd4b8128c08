import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CustodyChangeHandler } from '../custody-change.handler';
import { assertTransferTarget, ok, Result } from '@custos/domain';
import { TransferRequestedDto } from '../evidence-item-commands.response.dto';
import { RequestTransferCommand } from './request-transfer.command';

/**
 * The holder asks to pass an intact item on (R18.5) to an enforcement organ the registry
 * holds (R17.1), naming a receiver of that organ or not. Custody moves only when two
 * qualified officers of the target acknowledge through their own calls (R18.1); a
 * compromised item is refused.
 */
@CommandHandler(RequestTransferCommand)
export class RequestTransferHandler extends CustodyChangeHandler implements ICommandHandler<RequestTransferCommand, Result<TransferRequestedDto>> {
  async execute({ principal, evidenceItemId, toOrganisationId, toPersonId, purpose }: RequestTransferCommand): Promise<Result<TransferRequestedDto>> {
    const transferId = randomUUID();
    const decided = await this.decisions.decide(principal, evidenceItemId, async (item, officer, now) => {
      const target = assertTransferTarget(
        toOrganisationId,
        await this.officers.organisation(toOrganisationId),
        toPersonId === undefined ? undefined : { personId: toPersonId, officer: await this.officers.officer(toPersonId) },
        now,
        this.rulePacks,
      );
      if (!target.ok) return target;
      return item.requestTransfer({
        transferId,
        fromOrganisationId: item.holderOrganisationId,
        toOrganisationId,
        ...(toPersonId ? { toPersonId } : {}),
        requestedBy: officer.record,
        purpose,
        requestedAt: now.toISOString(),
      });
    });
    if (!decided.ok) return decided;
    return ok({ evidenceItemId, transferId, status: 'AWAITING_ACKNOWLEDGEMENT', holderOrganisationId: decided.value.item.holderOrganisationId, toOrganisationId });
  }
}
