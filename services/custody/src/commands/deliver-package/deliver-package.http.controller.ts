import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, Inject, Logger, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@custos/auth';
import { CommandContext } from '@custos/eventstore';
import { ok } from '@custos/domain';
import { ApprovalTrust, DomainException } from '@custos/platform';
import type { Response } from 'express';
import { EvidenceItemRepository } from '../../database/evidence-item.repository';
import { custodyErrors } from '../../domain/custody.errors';
import { EvidenceItem } from '../../domain/evidence-item.aggregate';
import { FOOTAGE_SOURCE, FootageSource } from '../../domain/footage-source.port';
import { HashingCounter } from '../../shared/hashing-counter';
import { orRefuse } from '../../shared/refusal';
import { LinkSigner, linkInvalid } from '../../shared/signed-link';
import { APPROVAL_TRUST, Clock, CUSTODY_CLOCK } from '../../custody.tokens';
import { deliveryClaimsOf, deliveryContextOf, DeliveryLinkClaims, recordOnItem, verifyReleasedApproval } from './delivery-link';

@ApiTags('custody')
@Controller('deliveries')
export class DeliverPackageHttpController {
  private readonly logger = new Logger('Custody');

  constructor(
    private readonly items: EvidenceItemRepository,
    @Inject(APPROVAL_TRUST) private readonly trust: ApprovalTrust,
    @Inject(FOOTAGE_SOURCE) private readonly footage: FootageSource,
    private readonly signer: LinkSigner,
    @Inject(CUSTODY_CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Streams the package from storage through custody to the holder of a delivery link (R18.5):
   * the link is the authority (a download cannot carry a bearer token), so this route is public
   * and everything is checked again: the link's signature and time, the item still intact and
   * held by the receiving organ, the link's officer one of its two receivers, the approval
   * document still valid. The download is registered before its first byte
   * (`custody.PackageDeliveryStarted`, R16.6, R18.3); the bytes are re-hashed on the way, and
   * when the stream has ended `custody.PackageDelivered` records bytes, SHA-256 and whether it
   * matches the package (a mismatch raises `custody.IntegrityMismatchDetected`, during
   * DELIVERY). A cut stream records `custody.PackageDeliveryInterrupted` with the bytes sent:
   * bytes left, so the register says so. Memory stays flat: bytes are piped, never held.
   */
  @Get(':token')
  @Public()
  @ApiProduces('application/x-tar')
  @ApiOperation({ summary: 'Download a handed-over package with a delivery link (R18.5); every download is registered (R16.6)' })
  async download(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const now = this.clock();
    const link = deliveryClaimsOf(this.signer.verify<Partial<DeliveryLinkClaims>>(token, now));
    const item = await this.items.load(link.evidenceItemId);
    if (!item) throw linkInvalid();
    const handOver = orRefuse(item.deliverableTo(link.requestedBy));
    if (handOver.approvalDocumentNumber !== link.approvalDocumentNumber) throw linkInvalid('the link is bound to another approval document');
    orRefuse(await verifyReleasedApproval(this.trust, item, now));

    const pkg = await this.footage.readPackage(item.opened.exportId).catch(() => {
      throw new DomainException(custodyErrors.packageUnavailable(item.evidenceItemId, item.opened.exportId), 502);
    });
    const binding = {
      deliveryId: randomUUID(),
      evidenceItemId: item.evidenceItemId,
      approvalDocumentNumber: handOver.approvalDocumentNumber,
      officers: handOver.officers,
      requestedBy: link.requestedBy,
    };
    const context = deliveryContextOf(link.requestedBy);
    try {
      await recordOnItem(this.items, item.evidenceItemId, context, (current) =>
        current.startDelivery({
          ...binding,
          linkId: link.linkId,
          receivingOrganisationId: handOver.receivingOrganisationId,
          receivingDivisionCode: handOver.receivingDivisionCode,
          purpose: handOver.purpose,
          sizeBytes: pkg.sizeBytes,
          at: now.toISOString(),
        }),
      );
    } catch (error) {
      pkg.body.destroy();
      throw error;
    }

    response.status(200).set({
      'content-type': 'application/x-tar',
      ...(Number.isSafeInteger(pkg.sizeBytes) ? { 'content-length': String(pkg.sizeBytes) } : {}),
      'content-disposition': `attachment; filename="${item.opened.exportId}.tar"`,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-custos-delivery-id': binding.deliveryId,
      'x-custos-package-sha256': item.opened.packageSha256,
    });
    const counter = new HashingCounter();
    // Whichever side failed first: a cut stream then destroys the other side too, with an error of its own.
    let cut: 'CLIENT_GONE' | 'SOURCE_FAILED' | undefined;
    response.once('close', () => (cut ??= response.writableFinished ? undefined : 'CLIENT_GONE'));
    pkg.body.once('error', () => (cut ??= 'SOURCE_FAILED'));
    try {
      await pipeline(pkg.body, counter, response);
    } catch {
      const reason = cut ?? 'SOURCE_FAILED';
      await this.recordEnd(item, context, (current) => current.interruptDelivery({ ...binding, bytes: counter.bytes, reason, at: this.clock().toISOString() }));
      return;
    }
    const sha256 = counter.sha256();
    const expectedSha256 = item.opened.packageSha256;
    await this.recordEnd(item, context, (current) =>
      current.completeDelivery({ ...binding, bytes: counter.bytes, sha256, expectedSha256, match: sha256 === expectedSha256, at: this.clock().toISOString() }),
    );
  }

  /** The answer is already under way: a failure to record can only be logged (and is, loudly). */
  private async recordEnd(item: EvidenceItem, context: CommandContext, fact: (current: EvidenceItem) => void): Promise<void> {
    try {
      await recordOnItem(this.items, item.evidenceItemId, context, (current) => {
        fact(current);
        return ok();
      });
    } catch (error) {
      this.logger.error({ msg: 'delivery end not recorded', evidenceItemId: item.evidenceItemId, reason: String((error as Error)?.message ?? error) });
    }
  }
}
