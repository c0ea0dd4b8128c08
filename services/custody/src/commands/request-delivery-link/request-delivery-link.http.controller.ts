import { randomUUID } from 'node:crypto';
import { Controller, Inject, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiRefusals } from '@custos/platform';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeliveryLinkDto } from '../../shared/evidence-item-commands.response.dto';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { ApprovalTrust } from '@custos/platform';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { orRefuse } from '../../shared/refusal';
import { LinkSigner } from '../../shared/signed-link';
import { APPROVAL_TRUST, CUSTODY_OPTIONS } from '../../custody.tokens';
import type { CustodyModuleOptions } from '../../custody.options';
import { DeliveryLinkClaims, deliveryLinkTtlOf, verifyReleasedApproval } from '../deliver-package/delivery-link';
import { EvidenceItemCommands } from '../evidence-item.context';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/delivery-links')
@UseInterceptors(NoFeeInterceptor)
export class RequestDeliveryLinkHttpController {
  constructor(
    private readonly commands: EvidenceItemCommands,
    @Inject(APPROVAL_TRUST) private readonly trust: ApprovalTrust,
    private readonly signer: LinkSigner,
    @Inject(CUSTODY_OPTIONS) private readonly options: CustodyModuleOptions,
  ) {}

  /**
   * One of the two officers the package was handed over to, qualified now (R18.2), asks for a
   * short-lived link to download it (R18.5): the package must be intact and still held by
   * their organ, and the approval document it was released on still valid and unrevoked. The
   * link is bound to the item, that document (by its signed id) and both officers, and serves
   * one download. Asking records nothing; the download through the link is registered (R16.6).
   */
  @Post()
  @Roles('OFFICER')
  @ApiCreatedResponse({ type: DeliveryLinkDto })
  @ApiRefusals(403, 404, 409, 502, 503)
  @ApiOperation({ summary: 'Get a short-lived link to download a handed-over package, as one of its receiving officers (R18.5)' })
  async request(@CurrentPrincipal() principal: Principal, @Param('evidenceItemId') evidenceItemId: string): Promise<Record<string, unknown>> {
    const item = await this.commands.load(evidenceItemId);
    const now = this.commands.clock();
    const officer = await this.commands.officer(principal, now);
    const handOver = orRefuse(item.deliverableTo(officer.record));
    orRefuse(await verifyReleasedApproval(this.trust, item, now));
    const ttlMs = deliveryLinkTtlOf(this.options);
    const claims: DeliveryLinkClaims = {
      use: 'delivery',
      linkId: randomUUID(),
      evidenceItemId,
      approvalDocumentNumber: handOver.approvalDocumentNumber,
      ...(handOver.approvalDocumentId ? { approvalDocumentId: handOver.approvalDocumentId } : {}),
      officers: handOver.officers.map((o) => ({ personId: o.personId, credentialNumber: o.credentialNumber })),
      requestedBy: officer.record,
    };
    const token = this.signer.sign({ ...claims }, ttlMs, now);
    return {
      linkId: claims.linkId,
      evidenceItemId,
      url: `/deliveries/${token}`,
      expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
      approvalDocumentNumber: claims.approvalDocumentNumber,
      officers: claims.officers,
    };
  }
}
