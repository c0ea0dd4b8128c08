import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CustodyChangeHandler } from '../custody-change.handler';
import { assertOfficersOfOrganisation, err, handOverToConfirm, ok, Result } from '@custos/domain';
import { custodyErrors } from '../../domain/custody.errors';
import { EvidenceItem } from '../../domain/evidence-item.aggregate';
import { CheckedOfficer } from '../officer-check';
import { verifyApprovalFor } from '../package-approval';
import { HandOverConfirmedDto } from '../evidence-item-commands.response.dto';
import { ConfirmHandOverCommand } from './confirm-hand-over.command';

/**
 * The second receiving officer confirms through their own call, before the deadline (R18.1):
 * the approval document is verified again, revocation asked of the approvals service now
 * (R18.5); then both officers must be of the organ the document names, two different persons
 * with two different credentials, both qualified at this instant (R18.1, R18.2, R18.5).
 * Both credentials are recorded.
 */
@CommandHandler(ConfirmHandOverCommand)
export class ConfirmHandOverHandler extends CustodyChangeHandler implements ICommandHandler<ConfirmHandOverCommand, Result<HandOverConfirmedDto>> {
  async execute(command: ConfirmHandOverCommand): Promise<Result<HandOverConfirmedDto>> {
    const { principal, evidenceItemId, handOverId } = command;
    const decided = await this.decisions.decide(principal, evidenceItemId, (item, second, now) => this.confirm(command, item, second, now));
    if (!decided.ok) return decided;
    const { item } = decided.value;
    const handedOver = item.handOver;
    if (!handedOver) return err(custodyErrors.noHandOverPending(evidenceItemId));
    return ok({
      evidenceItemId,
      handOverId,
      status: item.status,
      holderOrganisationId: item.holderOrganisationId,
      officers: handedOver.officers.map((o) => ({ personId: o.personId, credentialNumber: o.credentialNumber })),
      approvalDocumentNumber: handedOver.approvalDocumentNumber,
      ...(handedOver.approvalDocumentId ? { approvalDocumentId: handedOver.approvalDocumentId } : {}),
      handedOverAt: handedOver.handedOverAt,
    });
  }

  private async confirm({ principal, evidenceItemId, handOverId }: ConfirmHandOverCommand, item: EvidenceItem, second: CheckedOfficer, now: Date): Promise<Result<void>> {
    const pending = handOverToConfirm(item, now);
    if (!pending.ok) return pending;
    if (pending.value.handOverId !== handOverId) return err(custodyErrors.noHandOverPending(evidenceItemId));
    const first = pending.value.officer;
    const firstOfficer = await this.officers.officer(first.personId, first.credentialNumber);
    if (firstOfficer === undefined) return err(custodyErrors.unknownOfficer(first.personId));
    const verified = await verifyApprovalFor(this.trust, pending.value.approval, item, now);
    if (!verified.ok) return verified;
    const { number, documentId, issuingOrganisationId, requestingOrganisationId } = verified.value;
    const receivers = assertOfficersOfOrganisation([firstOfficer, second.officer], requestingOrganisationId, now, { number });
    if (!receivers.ok) return receivers;
    const receiving = await this.officers.organisation(second.record.organisationId);
    const owner = await this.officers.organisation(item.opened.ownerOrganisationId);
    item.completeHandOver(
      {
        handOverId,
        fromOrganisationId: item.holderOrganisationId,
        receivingOrganisationId: second.record.organisationId,
        receivingDivisionCode: receiving?.divisionCode ?? principal.divisionCode,
        ...(owner ? { ownerDivisionCode: owner.divisionCode } : {}),
        officers: [first, second.record],
        approvalDocumentNumber: number,
        approvalDocumentId: documentId,
        issuingOrganisationId,
        kind: item.opened.kind,
        purpose: pending.value.purpose,
        handedOverAt: now.toISOString(),
      },
      this.rulePacks,
    );
    return ok(undefined);
  }
}
