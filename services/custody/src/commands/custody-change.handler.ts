import { Inject, Injectable } from '@nestjs/common';
import { RulePackConfig } from '@custos/domain';
import { ApprovalTrust } from '@custos/platform';
import type { CustodyModuleOptions } from '../custody.options';
import { APPROVAL_TRUST, CUSTODY_OPTIONS, OFFICER_DIRECTORY } from '../custody.tokens';
import { OfficerDirectory } from '../domain/officer-directory.port';
import { EvidenceItemDecision } from './evidence-item-decision';
import { configuredRulePacks } from './rule-pack-of-item';

/**
 * A command that moves an item to another organ (a hand-over's two steps, a transfer's request,
 * R18.1, R18.5): decided on the item at hand, with the registry's facts on officers and organs,
 * the approvals service's trust in approval documents, and the configured rule packs (issue 21).
 */
@Injectable()
export abstract class CustodyChangeHandler {
  /** The rule packs the service was configured with, else the built-in ones. */
  protected readonly rulePacks: RulePackConfig;

  constructor(
    protected readonly decisions: EvidenceItemDecision,
    @Inject(OFFICER_DIRECTORY) protected readonly officers: OfficerDirectory,
    @Inject(APPROVAL_TRUST) protected readonly trust: ApprovalTrust,
    @Inject(CUSTODY_OPTIONS) protected readonly options: CustodyModuleOptions,
  ) {
    this.rulePacks = configuredRulePacks(options);
  }
}
