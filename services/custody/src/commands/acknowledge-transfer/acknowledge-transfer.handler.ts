import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IntegrityChecked } from '@custos/contracts';
import { assertOfficersOfOrganisation, custodyErrors, err, IntegrityEvidence, mayAcknowledgeTransfer, ok, Result } from '@custos/domain';
import { EvidenceItem } from '../../domain/evidence-item.aggregate';
import { OfficerDirectory } from '../../domain/officer-directory.port';
import { OFFICER_DIRECTORY } from '../../custody.tokens';
import { CheckedOfficer } from '../officer-check';
import { TransferAcknowledgedDto } from '../evidence-item-commands.response.dto';
import { integrityAnswer } from '../integrity-challenge/integrity-challenge';
import { IntegrityDecision } from '../integrity-evidence';
import { AcknowledgeTransferCommand } from './acknowledge-transfer.command';

/**
 * Officers of the target organ take the item (R18.5), two distinct qualified ones (R18.1,
 * R18.2), each through their own call: custody re-hashes the stored package itself and each
 * officer attests the copy they received by answering a challenge. The first call is
 * recorded as `custody.TransferAttested`; the second, with both officers re-checked at that
 * instant, as `custody.TransferAcknowledged`, which moves custody. A mismatch raises the
 * alarm naming the copy that failed.
 */
@CommandHandler(AcknowledgeTransferCommand)
export class AcknowledgeTransferHandler implements ICommandHandler<AcknowledgeTransferCommand, Result<TransferAcknowledgedDto>> {
  constructor(
    private readonly integrity: IntegrityDecision,
    @Inject(OFFICER_DIRECTORY) private readonly officers: OfficerDirectory,
  ) {}

  async execute({ principal, evidenceItemId, transferId, attestation }: AcknowledgeTransferCommand): Promise<Result<TransferAcknowledgedDto>> {
    const decided = await this.integrity.decide(
      principal,
      evidenceItemId,
      attestation,
      (item, officer) => mayAcknowledgeTransfer(item, transferId, officer.record),
      (item, second, now, evidence) => this.acknowledge(item, transferId, second, now, evidence),
    );
    if (!decided.ok) return decided;
    const { item, value: check } = decided.value;
    const awaiting = item.pendingTransfer?.transferId === transferId;
    return ok({
      evidenceItemId,
      transferId,
      ...integrityAnswer(check),
      transfer: awaiting ? 'AWAITING_SECOND_OFFICER' : check.match ? 'ACKNOWLEDGED' : 'STOPPED',
      status: item.status,
      holderOrganisationId: item.holderOrganisationId,
    });
  }

  private async acknowledge(item: EvidenceItem, transferId: string, second: CheckedOfficer, now: Date, evidence: IntegrityEvidence): Promise<Result<IntegrityChecked>> {
    const allowed = mayAcknowledgeTransfer(item, transferId, second.record);
    if (!allowed.ok) return allowed;
    const { first, pending } = allowed.value;
    if (first) {
      const firstOfficer = await this.officers.officer(first.personId, first.credentialNumber);
      if (firstOfficer === undefined) return err(custodyErrors.unknownOfficer(first.personId));
      // Both, as the registry knows them now: of the target organ, distinct, qualified (R18.1, R18.2, R18.5).
      const receivers = assertOfficersOfOrganisation([firstOfficer, second.officer], pending.toOrganisationId, now, { transferId });
      if (!receivers.ok) return receivers;
    }
    return item.acknowledgeTransfer(transferId, second.record, evidence, now);
  }
}
