import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CustodyChangeHandler } from '../custody-change.handler';
import { rulePackFieldOfItem } from '../rule-pack-of-item';
import { assertOfficerOfAuthorisedOrgan, DEFAULT_HAND_OVER_CONFIRM_MS, ok, Result } from '@custos/domain';
import { verifyApprovalFor } from '../package-approval';
import { HandOverStartedDto } from '../evidence-item-commands.response.dto';
import { InitiateHandOverCommand } from './initiate-hand-over.command';

/**
 * The first receiving officer, qualified now (R18.2), presents the approval document, which
 * must be genuine, valid, unrevoked and cover the package, and must name the officer's own
 * organ (R18.5). Nothing is released until a second officer confirms (R18.1).
 */
@CommandHandler(InitiateHandOverCommand)
export class InitiateHandOverHandler extends CustodyChangeHandler implements ICommandHandler<InitiateHandOverCommand, Result<HandOverStartedDto>> {
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
          ...(await rulePackFieldOfItem(this.officers, item, principal.divisionCode, now, this.rulePacks)),
        },
        now,
      );
    });
    if (!decided.ok) return decided;
    const pending = decided.value.item.pendingHandOver!;
    return ok({ evidenceItemId, handOverId, status: 'AWAITING_SECOND_OFFICER', approvalDocumentNumber: pending.approvalDocumentNumber, confirmBy: pending.confirmBy });
  }
}
