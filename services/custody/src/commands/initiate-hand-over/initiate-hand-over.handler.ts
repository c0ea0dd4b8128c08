import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertOfficerOfAuthorisedOrgan, DEFAULT_HAND_OVER_CONFIRM_MS, ok, Result } from '@custos/domain';
import { ApprovalTrust } from '@custos/platform';
import { OfficerDirectory } from '../../domain/officer-directory.port';
import type { CustodyModuleOptions } from '../../custody.options';
import { APPROVAL_TRUST, CUSTODY_OPTIONS, OFFICER_DIRECTORY } from '../../custody.tokens';
import { EvidenceItemDecision } from '../evidence-item-decision';
import { verifyApprovalFor } from '../package-approval';
import { HandOverStartedDto } from '../evidence-item-commands.response.dto';
import { configuredRulePacks, rulePackFieldOfItem } from '../rule-pack-of-item';
import { InitiateHandOverCommand } from './initiate-hand-over.command';

/**
 * The first receiving officer, qualified now (R18.2), presents the approval document, which
 * must be genuine, valid, unrevoked and cover the package, and must name the officer's own
 * organ (R18.5). Nothing is released until a second officer confirms (R18.1).
 */
@CommandHandler(InitiateHandOverCommand)
export class InitiateHandOverHandler implements ICommandHandler<InitiateHandOverCommand, Result<HandOverStartedDto>> {
  constructor(
    private readonly decisions: EvidenceItemDecision,
    @Inject(APPROVAL_TRUST) private readonly trust: ApprovalTrust,
    @Inject(OFFICER_DIRECTORY) private readonly officers: OfficerDirectory,
    @Inject(CUSTODY_OPTIONS) private readonly options: CustodyModuleOptions,
  ) {}

  async execute({ principal, evidenceItemId, approval, purpose }: InitiateHandOverCommand): Promise<Result<HandOverStartedDto>> {
    const handOverId = randomUUID();
    const window = this.options.coSignWindowMs ?? DEFAULT_HAND_OVER_CONFIRM_MS;
    const decided = await this.decisions.decide(principal, evidenceItemId, async (item, officer, now) => {
      const verified = await verifyApprovalFor(this.trust, approval, item, now);
      if (!verified.ok) return verified;
      const { number, documentId, requestingOrganisationId } = verified.value;
      const ofOrgan = assertOfficerOfAuthorisedOrgan(officer.record, requestingOrganisationId, { number });
      if (!ofOrgan.ok) return ofOrgan;
      return item.initiateHandOver(
        {
          handOverId,
          receivingOrganisationId: officer.record.organisationId,
          officer: officer.record,
          approvalDocumentNumber: number,
          approvalDocumentId: documentId,
          approval: { ...approval },
          purpose,
          initiatedAt: now.toISOString(),
          confirmBy: new Date(now.getTime() + window).toISOString(),
          ...(await rulePackFieldOfItem(this.officers, item, principal.divisionCode, now, configuredRulePacks(this.options))),
        },
        now,
      );
    });
    if (!decided.ok) return decided;
    const pending = decided.value.item.pendingHandOver!;
    return ok({ evidenceItemId, handOverId, status: 'AWAITING_SECOND_OFFICER', approvalDocumentNumber: pending.approvalDocumentNumber, confirmBy: pending.confirmBy });
  }
}
