import { Injectable } from '@nestjs/common';
import { Principal } from '@custos/auth';
import { CustodyOfficer } from '@custos/contracts';
import { ok, Result } from '@custos/domain';
import { EvidenceItem } from '../domain/evidence-item.aggregate';
import { IntegrityResultDto } from './evidence-item-commands.response.dto';
import { AttestationDto, integrityAnswer } from './integrity-challenge/integrity-challenge';
import { IntegrityDecision } from './integrity-evidence';

/** An officer's check of an item's package: which item, and the attestation of their copy, if any. */
export interface IntegrityCheckCommand {
  readonly principal: Principal;
  readonly evidenceItemId: string;
  readonly attestation: AttestationDto | undefined;
}

/**
 * A check of the package by an officer who may make it (a receipt, a verification; R18.5):
 * custody re-hashes the stored package itself, and the officer's copy when they attest it; the
 * item records the result, a mismatch with the alarm naming the copy that failed. The answer is
 * each copy's result and the item's status after it.
 */
@Injectable()
export abstract class IntegrityCheckHandler<C extends IntegrityCheckCommand> {
  /** Who may make the check (asked before the package is read), the item's decision recording it, and whether the answer names the holder after it. */
  protected abstract readonly check: IntegrityCheck;

  constructor(private readonly integrity: IntegrityDecision) {}

  async execute({ principal, evidenceItemId, attestation }: C): Promise<Result<IntegrityResultDto>> {
    const { may, record, showsHolder } = this.check;
    const decided = await this.integrity.decide(
      principal,
      evidenceItemId,
      attestation,
      (item, officer) => may(item, officer.record),
      (item, officer, now, evidence) => item[record](officer.record, evidence, now),
    );
    if (!decided.ok) return decided;
    const { item, value: check } = decided.value;
    return ok({ evidenceItemId, ...integrityAnswer(check), status: item.status, ...(showsHolder ? { holderOrganisationId: item.holderOrganisationId } : {}) });
  }
}

/** One kind of check: its rule of who may make it, and the item's decision that records it. */
export interface IntegrityCheck {
  readonly may: (item: EvidenceItem, officer: CustodyOfficer) => Result<unknown>;
  readonly record: 'receive' | 'verify';
  readonly showsHolder: boolean;
}
