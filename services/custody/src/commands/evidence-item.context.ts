import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@custos/auth';
import { DEFAULT_RULE_PACK_CONFIG, Result, RulePackConfig, RulePackRef } from '@custos/domain';
import { CommandContext, retryOnConflict } from '@custos/eventstore';
import { EvidenceItemRepository } from '../database/evidence-item.repository';
import { custodyErrors } from '../domain/custody.errors';
import { EvidenceItem, IntegrityEvidence } from '../domain/evidence-item.aggregate';
import { FOOTAGE_SOURCE, FootageSource } from '../domain/footage-source.port';
import { OfficerDirectory } from '../domain/officer-directory.port';
import { AttestationDto, challengeOf } from '../shared/integrity-challenge';
import { CheckedOfficer, qualifiedOfficerOf } from '../shared/officer-check';
import { rehashStoredPackage } from '../shared/package-rehash';
import { commandContextOf, orRefuse, refuse } from '../shared/refusal';
import { ServiceReadRegister } from '../shared/service-read-register';
import { LinkSigner } from '../shared/signed-link';
import { rulePackFieldOfItem } from '../shared/rule-pack-of-item';
import type { CustodyModuleOptions } from '../custody.options';
import { Clock, CUSTODY_CLOCK, CUSTODY_OPTIONS, OFFICER_DIRECTORY } from '../custody.tokens';

/**
 * What every custody command does around its decision: load the item (404 when unknown),
 * check the calling officer (R18.2) at "now", let the aggregate decide, and save only an
 * accepted decision: a refusal saves nothing.
 */
@Injectable()
export class EvidenceItemCommands {
  /** The configured rule packs (issue 21). */
  readonly rulePacks: RulePackConfig;

  constructor(
    readonly items: EvidenceItemRepository,
    @Inject(OFFICER_DIRECTORY) readonly officers: OfficerDirectory,
    @Inject(CUSTODY_CLOCK) readonly clock: Clock,
    @Inject(FOOTAGE_SOURCE) private readonly footage: FootageSource,
    private readonly signer: LinkSigner,
    @Inject(CUSTODY_OPTIONS) options: CustodyModuleOptions,
    private readonly reads: ServiceReadRegister,
  ) {
    this.rulePacks = options.rulePacks ?? DEFAULT_RULE_PACK_CONFIG;
  }

  /** The `rulePack` field of an act on `item` at `at` by an organ of `actingDivision` (see `rulePackFieldOfItem`). */
  rulePackFieldOf(item: EvidenceItem, actingDivision: string, at: Date): Promise<{ rulePack?: RulePackRef }> {
    return rulePackFieldOfItem(this.officers, item, actingDivision, at, this.rulePacks);
  }

  async load(evidenceItemId: string): Promise<EvidenceItem> {
    const item = await this.items.load(evidenceItemId);
    if (item === undefined) refuse(custodyErrors.evidenceItemNotFound(evidenceItemId));
    return item;
  }

  officer(principal: Principal, at: Date): Promise<CheckedOfficer> {
    return qualifiedOfficerOf(this.officers, principal, at);
  }

  /**
   * Runs the decision on a freshly loaded item and saves it; the decision's refusal is answered
   * as is. A concurrent write (a delivery registering its end, another officer) makes it decide
   * again on the new state.
   */
  async decide<T>(
    principal: Principal,
    evidenceItemId: string,
    decision: (item: EvidenceItem, officer: CheckedOfficer, now: Date) => Result<T> | Promise<Result<T>>,
    context: CommandContext = commandContextOf(principal),
  ): Promise<{ item: EvidenceItem; value: T }> {
    return retryOnConflict(async () => {
      const item = await this.load(evidenceItemId);
      const now = this.clock();
      const officer = await this.officer(principal, now);
      const value = orRefuse(await decision(item, officer, now));
      await this.items.save(item, context);
      return { item, value };
    });
  }

  /**
   * A decision on the package's integrity (R18.5): once `allowed` says the officer may act,
   * custody re-reads and re-hashes the stored package itself, and for an attestation the same
   * bytes keyed with the challenge's nonce; then the aggregate decides on what custody found.
   * The package is read only for a caller who may act, and nothing the client claims about
   * the expected hash is used.
   */
  async decideOnIntegrity<T>(
    principal: Principal,
    evidenceItemId: string,
    attestation: AttestationDto | undefined,
    allowed: (item: EvidenceItem, officer: CheckedOfficer) => Result<unknown>,
    decision: (item: EvidenceItem, officer: CheckedOfficer, now: Date, evidence: IntegrityEvidence) => Result<T> | Promise<Result<T>>,
  ): Promise<{ item: EvidenceItem; value: T }> {
    const item = await this.load(evidenceItemId);
    const now = this.clock();
    const officer = await this.officer(principal, now);
    orRefuse(allowed(item, officer));
    const challenge = attestation && challengeOf(this.signer, attestation.challenge, evidenceItemId, officer.record.personId, now);
    if (challenge && item.answeredChallenges.has(challenge.challengeId)) refuse(custodyErrors.challengeUsed(evidenceItemId, challenge.challengeId));
    await this.reads.register({
      source: 'EXPORT_PACKAGE',
      objectId: item.opened.exportId,
      onBehalfOf: { kind: 'EVIDENCE_ITEM', id: evidenceItemId },
      reason: 'INTEGRITY_CHECK',
    });
    const digest = await rehashStoredPackage(this.footage, evidenceItemId, item.opened.exportId, challenge?.nonce);
    const evidence: IntegrityEvidence = {
      storedSha256: digest.sha256,
      ...(challenge && attestation
        ? {
            attestation: {
              challengeId: challenge.challengeId,
              nonce: challenge.nonce,
              issuedAt: challenge.issuedAt,
              response: attestation.response,
              expectedResponse: digest.challengeResponse!,
            },
          }
        : {}),
    };
    return this.decide(principal, evidenceItemId, (current, checked, at) => decision(current, checked, at, evidence));
  }
}
