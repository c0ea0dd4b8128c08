import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { mayVerify, ok, Result } from '@custos/domain';
import { IntegrityResultDto } from '../evidence-item-commands.response.dto';
import { integrityAnswer } from '../integrity-challenge/integrity-challenge';
import { IntegrityDecision } from '../integrity-evidence';
import { VerifyIntegrityCommand } from './verify-integrity.command';

/**
 * The holder has the package checked at any time (R18.5): custody re-hashes the stored
 * package itself; with an attestation (a challenge answered over the officer's copy) their
 * copy is checked too. A mismatch raises the alarm naming the copy that failed.
 */
@CommandHandler(VerifyIntegrityCommand)
export class VerifyIntegrityHandler implements ICommandHandler<VerifyIntegrityCommand, Result<IntegrityResultDto>> {
  constructor(private readonly integrity: IntegrityDecision) {}

  async execute({ principal, evidenceItemId, attestation }: VerifyIntegrityCommand): Promise<Result<IntegrityResultDto>> {
    const decided = await this.integrity.decide(
      principal,
      evidenceItemId,
      attestation,
      (item, officer) => mayVerify(item, officer.record),
      (item, officer, now, evidence) => item.verify(officer.record, evidence, now),
    );
    if (!decided.ok) return decided;
    const { item, value: check } = decided.value;
    return ok({ evidenceItemId, ...integrityAnswer(check), status: item.status });
  }
}
