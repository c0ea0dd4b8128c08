import { Controller, Inject, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiRefusals } from '@custos/platform';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HandOverConfirmedDto } from '../../shared/evidence-item-commands.response.dto';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { assertOfficersOfOrganisation, err, ok, SignedApprovalDocument } from '@custos/domain';
import { custodyErrors } from '../../domain/custody.errors';
import { ApprovalTrust } from '@custos/platform';
import { verifyApprovalFor } from '../../domain/approval-verifier';
import { HandOverRefusalInterceptor, RecordsHandOverRefusals } from '../../shared/hand-over-refusal.interceptor';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { orRefuse } from '../../shared/refusal';
import { APPROVAL_TRUST } from '../../custody.tokens';
import { EvidenceItemCommands } from '../evidence-item.context';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/hand-overs/:handOverId/confirmation')
@RecordsHandOverRefusals('CONFIRM')
@UseInterceptors(HandOverRefusalInterceptor, NoFeeInterceptor)
export class ConfirmHandOverHttpController {
  constructor(
    private readonly commands: EvidenceItemCommands,
    @Inject(APPROVAL_TRUST) private readonly trust: ApprovalTrust,
  ) {}

  /**
   * The second receiving officer confirms through their own call, before the deadline (R18.1):
   * the approval document is verified again, revocation asked of the approvals service now
   * (R18.5); then both officers must be of the organ the document names, two different persons
   * with two different credentials, both qualified at this instant (R18.1, R18.2, R18.5).
   * Both credentials are recorded.
   */
  @Post()
  @Roles('OFFICER')
  @ApiCreatedResponse({ type: HandOverConfirmedDto })
  @ApiRefusals(400, 403, 404, 409, 502, 503)
  @ApiOperation({ summary: 'Confirm a hand-over as the second receiving officer (R18.1, R18.2, R18.5)' })
  async confirm(
    @CurrentPrincipal() principal: Principal,
    @Param('evidenceItemId') evidenceItemId: string,
    @Param('handOverId') handOverId: string,
  ): Promise<HandOverConfirmedDto> {
    const { item } = await this.commands.decide(principal, evidenceItemId, async (item, second, now) => {
      const pending = item.handOverToConfirm(now);
      if (!pending.ok) return pending;
      if (pending.value.handOverId !== handOverId) return err(custodyErrors.noHandOverPending(evidenceItemId));
      const first = pending.value.officer;
      const firstOfficer = await this.commands.officers.officer(first.personId, first.credentialNumber);
      if (firstOfficer === undefined) return err(custodyErrors.unknownOfficer(first.personId));
      const verified = await verifyApprovalFor(this.trust, pending.value.approval as unknown as SignedApprovalDocument, item, now);
      if (!verified.ok) return verified;
      const receivers = assertOfficersOfOrganisation([firstOfficer, second.officer], verified.value.requestingOrganisationId, now, {
        number: verified.value.number,
      });
      if (!receivers.ok) return receivers;
      const receiving = await this.commands.officers.organisation(second.record.organisationId);
      const owner = await this.commands.officers.organisation(item.opened.ownerOrganisationId);
      item.completeHandOver({
        handOverId,
        fromOrganisationId: item.holderOrganisationId,
        receivingOrganisationId: second.record.organisationId,
        receivingDivisionCode: receiving?.divisionCode ?? principal.divisionCode,
        ...(owner ? { ownerDivisionCode: owner.divisionCode } : {}),
        officers: [first, second.record],
        approvalDocumentNumber: verified.value.number,
        approvalDocumentId: verified.value.documentId,
        issuingOrganisationId: verified.value.issuingOrganisationId,
        kind: item.opened.kind,
        purpose: pending.value.purpose,
        handedOverAt: now.toISOString(),
      }, this.commands.rulePacks);
      return ok(undefined);
    });
    const handedOver = orRefuse(item.handOver ? ok(item.handOver) : err(custodyErrors.noHandOverPending(evidenceItemId)));
    return {
      evidenceItemId,
      handOverId,
      status: item.status,
      holderOrganisationId: item.holderOrganisationId,
      officers: handedOver.officers.map((o) => ({ personId: o.personId, credentialNumber: o.credentialNumber })),
      approvalDocumentNumber: handedOver.approvalDocumentNumber,
      ...(handedOver.approvalDocumentId ? { approvalDocumentId: handedOver.approvalDocumentId } : {}),
      handedOverAt: handedOver.handedOverAt,
    };
  }
}
