import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@custos/auth';
import { custodyErrors, err, IntegrityEvidence, ok, Result } from '@custos/domain';
import { EvidenceItem } from '../domain/evidence-item.aggregate';
import { FOOTAGE_SOURCE, FootageSource } from '../domain/footage-source.port';
import { ServiceReadRegister } from '../shared/service-read-register';
import { LinkSigner } from '../shared/signed-link';
import { AttestationDto, challengeOf } from './integrity-challenge/integrity-challenge';
import { CheckedOfficer } from './officer-check';
import { EvidenceItemDecision } from './evidence-item-decision';
import { rehashStoredPackage } from './package-rehash';

/**
 * A decision on the package's integrity (R18.5): once `allowed` says the officer may act,
 * custody re-reads and re-hashes the stored package itself (its read registered first), and for
 * an attestation the same bytes keyed with the challenge's nonce. Nothing the client claims
 * about the expected hash is used; a challenge answered before is refused.
 * The package is read only for a caller who may act; then the aggregate decides on what
 * custody found, on a freshly loaded item.
 */
@Injectable()
export class IntegrityDecision {
  constructor(
    private readonly decisions: EvidenceItemDecision,
    @Inject(FOOTAGE_SOURCE) private readonly footage: FootageSource,
    private readonly signer: LinkSigner,
    private readonly reads: ServiceReadRegister,
  ) {}

  async decide<T>(
    principal: Principal,
    evidenceItemId: string,
    attestation: AttestationDto | undefined,
    allowed: (item: EvidenceItem, officer: CheckedOfficer) => Result<unknown>,
    decision: (item: EvidenceItem, officer: CheckedOfficer, now: Date, evidence: IntegrityEvidence) => Result<T> | Promise<Result<T>>,
  ): Promise<Result<{ item: EvidenceItem; value: T }>> {
    const found = await this.decisions.allowedAtHand(principal, evidenceItemId, allowed);
    if (!found.ok) return found;
    const { item, officer, now } = found.value;
    const evidence = await this.evidenceOf(item, officer.record.personId, attestation, now);
    if (!evidence.ok) return evidence;
    return this.decisions.decide(principal, evidenceItemId, (current, checked, at) => decision(current, checked, at, evidence.value));
  }

  private async evidenceOf(item: EvidenceItem, personId: string, attestation: AttestationDto | undefined, now: Date): Promise<Result<IntegrityEvidence>> {
    const evidenceItemId = item.opened.evidenceItemId;
    const challenge = attestation && challengeOf(this.signer, attestation.challenge, evidenceItemId, personId, now);
    if (challenge && !challenge.ok) return challenge;
    if (challenge && item.answeredChallenges.has(challenge.value.challengeId)) return err(custodyErrors.challengeUsed(evidenceItemId, challenge.value.challengeId));
    await this.reads.register({
      source: 'EXPORT_PACKAGE',
      objectId: item.opened.exportId,
      onBehalfOf: { kind: 'EVIDENCE_ITEM', id: evidenceItemId },
      reason: 'INTEGRITY_CHECK',
    });
    const rehashed = await rehashStoredPackage(this.footage, evidenceItemId, item.opened.exportId, challenge?.value.nonce);
    if (!rehashed.ok) return rehashed;
    const digest = rehashed.value;
    if (!challenge || !attestation) return ok({ storedSha256: digest.sha256 });
    const { challengeId, nonce, issuedAt } = challenge.value;
    return ok({
      storedSha256: digest.sha256,
      attestation: { challengeId, nonce, issuedAt, response: attestation.response, expectedResponse: digest.challengeResponse! },
    });
  }
}
