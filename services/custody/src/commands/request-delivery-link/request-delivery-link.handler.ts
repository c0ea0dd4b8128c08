import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { deliverableTo, ok, Result } from '@custos/domain';
import { ApprovalTrust } from '@custos/platform';
import type { CustodyModuleOptions } from '../../custody.options';
import { APPROVAL_TRUST, CUSTODY_OPTIONS } from '../../custody.tokens';
import { LinkSigner } from '../../shared/signed-link';
import { DeliveryLinkClaims, deliveryLinkTtlOf, verifyReleasedApproval } from '../deliver-package/delivery-link';
import { EvidenceItemDecision } from '../evidence-item-decision';
import { DeliveryLinkDto } from '../evidence-item-commands.response.dto';
import { RequestDeliveryLinkCommand } from './request-delivery-link.command';

/**
 * One of the two officers the package was handed over to, qualified now (R18.2), asks for a
 * short-lived link to download it (R18.5): the package must be intact and still held by
 * their organ, and the approval document it was released on still valid and unrevoked. The
 * link is bound to the item, that document (by its signed id) and both officers, and serves
 * one download. Asking records nothing; the download through the link is registered (R16.6).
 */
@CommandHandler(RequestDeliveryLinkCommand)
export class RequestDeliveryLinkHandler implements ICommandHandler<RequestDeliveryLinkCommand, Result<DeliveryLinkDto>> {
  constructor(
    private readonly decisions: EvidenceItemDecision,
    @Inject(APPROVAL_TRUST) private readonly trust: ApprovalTrust,
    private readonly signer: LinkSigner,
    @Inject(CUSTODY_OPTIONS) private readonly options: CustodyModuleOptions,
  ) {}

  async execute({ principal, evidenceItemId }: RequestDeliveryLinkCommand): Promise<Result<DeliveryLinkDto>> {
    const found = await this.decisions.allowedAtHand(principal, evidenceItemId, (item, officer) => deliverableTo(item, officer.record));
    if (!found.ok) return found;
    const { item, officer, now, allowed: handOver } = found.value;
    const approval = await verifyReleasedApproval(this.trust, item, now);
    if (!approval.ok) return approval;
    const { approvalDocumentNumber, approvalDocumentId, officers } = handOver;
    const claims: DeliveryLinkClaims = {
      use: 'delivery',
      linkId: randomUUID(),
      evidenceItemId,
      approvalDocumentNumber,
      ...(approvalDocumentId ? { approvalDocumentId } : {}),
      officers: officers.map((o) => ({ personId: o.personId, credentialNumber: o.credentialNumber })),
      requestedBy: officer.record,
    };
    const ttlMs = deliveryLinkTtlOf(this.options);
    const token = this.signer.sign({ ...claims }, ttlMs, now);
    return ok({
      linkId: claims.linkId,
      evidenceItemId,
      url: `/v1/deliveries/${token}`,
      expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
      approvalDocumentNumber,
      officers: [...claims.officers],
    });
  }
}
