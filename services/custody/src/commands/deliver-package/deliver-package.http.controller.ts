import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, Inject, Logger, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@custos/auth';
import { HandedOver } from '@custos/contracts';
import { CommandContext } from '@custos/eventstore';
import { DEFAULT_RULE_PACK_CONFIG, deliverableTo, DomainError, err, httpStatusOf, ok, Result, recordedRuleOf } from '@custos/domain';
import { ApprovalTrust, ApiBinaryOk, orRefuse, refuse } from '@custos/platform';
import type { Response } from 'express';
import { Pool, PoolClient } from 'pg';
import { custodyErrors } from '../../domain/custody.errors';
import { EvidenceItem } from '../../domain/evidence-item.aggregate';
import { FOOTAGE_SOURCE, FootageSource } from '../../domain/footage-source.port';
import { HashingCounter } from './hashing-counter';
import { appendHandOverRefusal } from '../../shared/hand-over-refusal.interceptor';
import { ServiceReadRegister } from '../../shared/service-read-register';
import { linkErrors, LinkSigner } from '../../shared/signed-link';
import { APPROVAL_TRUST, Clock, CUSTODY_CLOCK, CUSTODY_OPTIONS, CUSTODY_POOL, OFFICER_DIRECTORY } from '../../custody.tokens';
import type { CustodyModuleOptions } from '../../custody.options';
import { OfficerDirectory } from '../../domain/officer-directory.port';
import { stillQualified } from '../officer-check';
import { rulePackFieldOfItem } from '../rule-pack-of-item';
import { DEFAULT_DELIVERY_HEARTBEAT_MS, deliveryClaimsOf, deliveryContextOf, DeliveryLinkClaims, recordOnItem, verifyReleasedApproval } from './delivery-link';
import { DeliveredItems, DeliveryLeaseStore } from './delivery.ports';

/** A download every check let through, registered and its link used: its bytes may flow. */
interface StartedDelivery {
  readonly pkg: Awaited<ReturnType<FootageSource['readPackage']>>;
  readonly binding: DeliveryBinding;
}

/** What every fact of one delivery names. */
interface DeliveryBinding {
  readonly deliveryId: string;
  readonly evidenceItemId: string;
  readonly approvalDocumentNumber: string;
  readonly approvalDocumentId?: string;
  readonly officers: HandedOver['officers'];
  readonly requestedBy: DeliveryLinkClaims['requestedBy'];
}

@ApiTags('custody')
@Controller('deliveries')
export class DeliverPackageHttpController {
  private readonly logger = new Logger('Custody');

  constructor(
    private readonly items: DeliveredItems,
    @Inject(APPROVAL_TRUST) private readonly trust: ApprovalTrust,
    @Inject(FOOTAGE_SOURCE) private readonly footage: FootageSource,
    private readonly signer: LinkSigner,
    @Inject(CUSTODY_CLOCK) private readonly clock: Clock,
    @Inject(CUSTODY_POOL) private readonly pool: Pool,
    @Inject(OFFICER_DIRECTORY) private readonly officers: OfficerDirectory,
    private readonly leases: DeliveryLeaseStore,
    @Inject(CUSTODY_OPTIONS) private readonly options: CustodyModuleOptions,
    private readonly reads: ServiceReadRegister,
  ) {}

  /**
   * Streams the package from storage through custody to the holder of a delivery link (R18.5):
   * the link is the authority (a download cannot carry a bearer token), so this route is public
   * and everything is checked again: the link's signature and time, the item still intact and
   * held by the receiving organ, the link's officer one of its two receivers and qualified now
   * (R18.2), the approval document still valid and unrevoked, asked now. A link serves one
   * download: its id is claimed under a unique constraint in the transaction that registers
   * the download before its first byte (`custody.PackageDeliveryStarted`, R16.6, R18.3); a
   * heartbeat on that claim lets the sweeper end a delivery whose process died. The bytes are re-hashed on the way, and
   * when the stream has ended `custody.PackageDelivered` records bytes, SHA-256 and whether it
   * matches the package (a mismatch raises `custody.IntegrityMismatchDetected`, during
   * DELIVERY). A cut stream records `custody.PackageDeliveryInterrupted` with the bytes sent:
   * bytes left, so the register says so. Memory stays flat: bytes are piped, never held.
   */
  @Get(':token')
  @Public()
  @ApiProduces('application/x-tar')
  @ApiBinaryOk('The package', 'application/x-tar')
  @ApiOperation({ summary: 'Download a handed-over package with a delivery link (R18.5); every download is registered (R16.6)' })
  async download(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const now = this.clock();
    const link = orRefuse(deliveryClaimsOf(this.signer.verify(token, now)));
    const item = await this.items.load(link.evidenceItemId);
    if (!item) refuse(linkErrors.invalid());
    const context = deliveryContextOf(link.requestedBy);
    const started = await this.start(link, item, now, context);
    if (!started.ok) {
      await this.recordRefusal(link, item, started.error, context);
      refuse(started.error);
    }
    const { pkg, binding } = started.value;

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
    const heartbeat = setInterval(() => {
      this.leases.heartbeat(binding.deliveryId, counter.bytes, this.clock()).catch(() => undefined);
    }, this.options.deliveryHeartbeatMs ?? DEFAULT_DELIVERY_HEARTBEAT_MS);
    heartbeat.unref();
    // Whichever side failed first: a cut stream then destroys the other side too, with an error of its own.
    let cut: 'CLIENT_GONE' | 'SOURCE_FAILED' | undefined;
    response.once('close', () => (cut ??= response.writableFinished ? undefined : 'CLIENT_GONE'));
    pkg.body.once('error', () => (cut ??= 'SOURCE_FAILED'));
    try {
      await pipeline(pkg.body, counter, response);
    } catch {
      clearInterval(heartbeat);
      const reason = cut ?? 'SOURCE_FAILED';
      await this.recordEnd(item, binding.deliveryId, context, (current) => current.interruptDelivery({ ...binding, bytes: counter.bytes, reason, at: this.clock().toISOString() }));
      return;
    }
    clearInterval(heartbeat);
    const sha256 = counter.sha256();
    const expectedSha256 = item.opened.packageSha256;
    await this.recordEnd(item, binding.deliveryId, context, (current) =>
      current.completeDelivery({ ...binding, bytes: counter.bytes, sha256, expectedSha256, match: sha256 === expectedSha256, at: this.clock().toISOString() }),
    );
  }

  /** Every check of the download, then its registration and the link's single use, before any byte (R18.5, R18.2, R16.6). */
  private async start(link: DeliveryLinkClaims, item: EvidenceItem, now: Date, context: CommandContext): Promise<Result<StartedDelivery>> {
    const deliverable = deliverableTo(item, link.requestedBy);
    if (!deliverable.ok) return deliverable;
    const handOver = deliverable.value;
    if (handOver.approvalDocumentNumber !== link.approvalDocumentNumber || handOver.approvalDocumentId !== link.approvalDocumentId) {
      return err(linkErrors.invalid('the link is bound to another approval document'));
    }
    const qualified = await stillQualified(this.officers, link.requestedBy, now);
    if (!qualified.ok) return qualified;
    const approved = await verifyReleasedApproval(this.trust, item, now);
    if (!approved.ok) return approved;

    await this.reads.register({
      source: 'EXPORT_PACKAGE',
      objectId: item.opened.exportId,
      onBehalfOf: { kind: 'EVIDENCE_ITEM', id: item.evidenceItemId },
      reason: 'DELIVERY',
    });
    const pkg = await this.footage.readPackage(item.opened.exportId).catch(() => undefined);
    if (pkg === undefined) return err(custodyErrors.packageUnavailable(item.evidenceItemId, item.opened.exportId));
    const binding: DeliveryBinding = {
      deliveryId: randomUUID(),
      evidenceItemId: item.evidenceItemId,
      approvalDocumentNumber: handOver.approvalDocumentNumber,
      ...(handOver.approvalDocumentId ? { approvalDocumentId: handOver.approvalDocumentId } : {}),
      officers: handOver.officers,
      requestedBy: link.requestedBy,
    };
    let recorded: Result<void>;
    try {
      recorded = await this.recordOn(
        item,
        context,
        (current) =>
          current.startDelivery({
            ...binding,
            linkId: link.linkId,
            receivingOrganisationId: handOver.receivingOrganisationId,
            receivingDivisionCode: handOver.receivingDivisionCode,
            purpose: handOver.purpose,
            sizeBytes: pkg.sizeBytes,
            at: now.toISOString(),
          }),
        // A used link is refused, and the transaction with it: nothing of this delivery is recorded.
        (tx) => this.leases.claim(tx, { linkId: link.linkId, deliveryId: binding.deliveryId, evidenceItemId: item.evidenceItemId, at: now }),
      );
    } catch (error) {
      pkg.body.destroy();
      throw error;
    }
    if (!recorded.ok) {
      pkg.body.destroy();
      return recorded;
    }
    return ok({ pkg, binding });
  }

  /** A refused download leaves its trace on the item's refusals stream, as a refused hand-over step does (R18.5). */
  private async recordRefusal(link: DeliveryLinkClaims, item: EvidenceItem, refusal: DomainError, context: CommandContext): Promise<void> {
    // A failure of ours or upstream's (5xx) is no refusal of the officer's: nothing to record.
    if ((httpStatusOf(refusal.code) ?? 400) >= 500) return;
    const { code, message } = refusal;
    const { personId, subject, organisationId, credentialNumber } = link.requestedBy;
    const at = this.clock();
    try {
      await appendHandOverRefusal(
        this.items.store,
        {
          evidenceItemId: item.evidenceItemId,
          step: 'DELIVERY',
          ...(item.handOver ? { handOverId: item.handOver.handOverId } : {}),
          code,
          rule: recordedRuleOf(refusal),
          reason: message.slice(0, 2000),
          officers: [{ personId, subject, organisationId, credentialNumber }],
          approvalDocumentNumber: link.approvalDocumentNumber,
          at: at.toISOString(),
          // The text the refusal was made under (issue 21): that of the footage's place at the attempt.
          ...(await rulePackFieldOfItem(this.officers, item, undefined, at, this.options.rulePacks ?? DEFAULT_RULE_PACK_CONFIG)),
        },
        context,
      );
    } catch (failure) {
      this.logger.error({ msg: 'delivery refusal not recorded', code, reason: String((failure as Error)?.message ?? failure) });
    }
  }

  /** A fact of this delivery on the item's stream, and its lease row, in one transaction. */
  private recordOn(item: EvidenceItem, context: CommandContext, decide: (current: EvidenceItem) => Result<void>, lease: (tx: PoolClient) => Promise<Result<void> | void>) {
    return recordOnItem(this.pool, this.items, item.evidenceItemId, context, decide, lease);
  }

  /** The answer is already under way: a failure to record can only be logged (and is, loudly). */
  private async recordEnd(item: EvidenceItem, deliveryId: string, context: CommandContext, fact: (current: EvidenceItem) => void): Promise<void> {
    const decide = (current: EvidenceItem): Result<void> => {
      fact(current);
      return ok();
    };
    const notRecorded = (reason: string) => this.logger.error({ msg: 'delivery end not recorded', evidenceItemId: item.evidenceItemId, reason });
    try {
      const recorded = await this.recordOn(item, context, decide, (tx) => this.leases.close(tx, deliveryId, this.clock()));
      if (!recorded.ok) notRecorded(recorded.error.message);
    } catch (error) {
      notRecorded(String((error as Error)?.message ?? error));
    }
  }
}
