import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { mayReceive, ok, Result } from '@custos/domain';
import { IntegrityResultDto } from '../evidence-item-commands.response.dto';
import { integrityAnswer } from '../integrity-challenge/integrity-challenge';
import { IntegrityDecision } from '../integrity-evidence';
import { RecordReceiptCommand } from './record-receipt.command';

/**
 * An officer of the receiving organ takes the handed-over package into custody (R18.5):
 * custody re-hashes the stored package itself, and the officer attests the copy they hold by
 * answering a challenge. Both matching puts it in custody; a mismatch is recorded with the
 * alarm `custody.IntegrityMismatchDetected` naming the copy that failed, and the item moves
 * no further.
 */
@CommandHandler(RecordReceiptCommand)
export class RecordReceiptHandler implements ICommandHandler<RecordReceiptCommand, Result<IntegrityResultDto>> {
  constructor(private readonly integrity: IntegrityDecision) {}

  async execute({ principal, evidenceItemId, attestation }: RecordReceiptCommand): Promise<Result<IntegrityResultDto>> {
    const decided = await this.integrity.decide(
      principal,
      evidenceItemId,
      attestation,
      (item, officer) => mayReceive(item, officer.record),
      (item, officer, now, evidence) => item.receive(officer.record, evidence, now),
    );
    if (!decided.ok) return decided;
    const { item, value: check } = decided.value;
    return ok({ evidenceItemId, ...integrityAnswer(check), status: item.status, holderOrganisationId: item.holderOrganisationId });
  }
}
