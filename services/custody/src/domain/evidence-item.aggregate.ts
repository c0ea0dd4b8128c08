import {
  CUSTODY_EVIDENCE_ITEM_OPENED,
  CUSTODY_HAND_OVER_INITIATED,
  CUSTODY_HANDED_OVER,
  CUSTODY_INTEGRITY_MISMATCH_DETECTED,
  CUSTODY_PACKAGE_DELIVERED,
  CUSTODY_PACKAGE_DELIVERY_INTERRUPTED,
  CUSTODY_PACKAGE_DELIVERY_STARTED,
  CUSTODY_RECEIVED,
  CUSTODY_TRANSFER_ACKNOWLEDGED,
  CUSTODY_TRANSFER_REQUESTED,
  CUSTODY_VERIFIED,
  CUSTODY_VIEWED,
  CustodyOfficer,
  EvidenceItemOpened,
  HandedOver,
  HandOverInitiated,
  IntegrityMismatchDetected,
  PackageDelivered,
  PackageDeliveryInterrupted,
  PackageDeliveryStarted,
  Received,
  TransferAcknowledged,
  TransferRequested,
  Verified,
  Viewed,
} from '@custos/contracts';
import { DomainError, domainErrorOf, err, ok, Result } from '@custos/domain';
import { EventSourcedAggregate } from '@custos/eventstore';
import { custodyErrors } from './custody.errors';

/**
 * PREPARED: packaged, held by the owner. HANDED_OVER: released to two officers (R18.5),
 * awaiting their re-hash at receipt. IN_CUSTODY: received intact. COMPROMISED: a re-hash did
 * not match; the alarm was raised and the item moves no further.
 */
export type EvidenceItemStatus = 'PREPARED' | 'HANDED_OVER' | 'IN_CUSTODY' | 'COMPROMISED';

type Event<P> = { payload: P };

/** One export package under chain of custody (R18.5), rebuilt from its events. */
export class EvidenceItem extends EventSourcedAggregate {
  status: EvidenceItemStatus = 'PREPARED';
  opened!: EvidenceItemOpened;
  holderOrganisationId = '';
  pendingHandOver?: HandOverInitiated;
  handOver?: HandedOver;
  /** The signed approval document the package was released on: verified again at every delivery (R18.5). */
  releasedApproval?: Record<string, unknown>;
  pendingTransfer?: TransferRequested;
  /** Deliveries started and not yet ended, by delivery id: what an abandoned delivery is ended with. */
  readonly openDeliveries = new Map<string, PackageDeliveryStarted>();

  get evidenceItemId(): string {
    return this.opened.evidenceItemId;
  }

  open(opened: EvidenceItemOpened): void {
    this.record(CUSTODY_EVIDENCE_ITEM_OPENED, opened);
  }

  /** The first receiving officer presents the (already verified) approval document. */
  initiateHandOver(initiated: HandOverInitiated, now: Date): Result<void> {
    if (this.status !== 'PREPARED') return err(custodyErrors.alreadyHandedOver(this.evidenceItemId));
    const pending = this.pendingHandOver;
    if (pending && now.getTime() < Date.parse(pending.confirmBy)) {
      return err(custodyErrors.handOverPending(this.evidenceItemId, pending.handOverId, pending.confirmBy));
    }
    this.record(CUSTODY_HAND_OVER_INITIATED, initiated);
    return ok();
  }

  /** The pending hand-over a second officer may still confirm at `now` (R18.1). */
  handOverToConfirm(now: Date): Result<HandOverInitiated> {
    if (this.status !== 'PREPARED') return err(custodyErrors.alreadyHandedOver(this.evidenceItemId));
    const pending = this.pendingHandOver;
    if (!pending) return err(custodyErrors.noHandOverPending(this.evidenceItemId));
    if (now.getTime() >= Date.parse(pending.confirmBy)) {
      return err(custodyErrors.coSignatureExpired(pending.handOverId, pending.confirmBy));
    }
    return ok(pending);
  }

  completeHandOver(handedOver: HandedOver): void {
    this.record(CUSTODY_HANDED_OVER, handedOver);
  }

  /** The receiving officers re-hash what they were given (R18.5). */
  receive(officer: CustodyOfficer, presentedSha256: string, now: Date): Result<boolean> {
    if (this.status === 'PREPARED') {
      return err(
        this.pendingHandOver
          ? mustHaveSecondOfficer(this.pendingHandOver)
          : custodyErrors.notHandedOver(this.evidenceItemId, this.status),
      );
    }
    if (this.status !== 'HANDED_OVER') return err(custodyErrors.notHandedOver(this.evidenceItemId, this.status));
    const holder = this.assertHolder(officer);
    if (!holder.ok) return holder;
    const check = this.integrityCheck(officer, presentedSha256, now);
    this.record<Received>(CUSTODY_RECEIVED, check);
    if (!check.match) this.raiseAlarm('RECEIPT', officer, presentedSha256, now);
    return ok(check.match);
  }

  verify(officer: CustodyOfficer, presentedSha256: string, now: Date): Result<boolean> {
    if (this.status !== 'IN_CUSTODY' && this.status !== 'COMPROMISED') {
      return err(custodyErrors.notInCustody(this.evidenceItemId, this.status));
    }
    const holder = this.assertHolder(officer);
    if (!holder.ok) return holder;
    const check = this.integrityCheck(officer, presentedSha256, now);
    this.record<Verified>(CUSTODY_VERIFIED, check);
    if (!check.match) this.raiseAlarm('VERIFICATION', officer, presentedSha256, now);
    return ok(check.match);
  }

  requestTransfer(requested: TransferRequested): Result<void> {
    const movable = this.assertMovable();
    if (!movable.ok) return movable;
    const holder = this.assertHolder(requested.requestedBy);
    if (!holder.ok) return holder;
    if (this.pendingTransfer) return err(custodyErrors.transferPending(this.evidenceItemId, this.pendingTransfer.transferId));
    this.record(CUSTODY_TRANSFER_REQUESTED, requested);
    return ok();
  }

  /** Only the named receiver, through their own call, takes the item (re-hashing it). */
  acknowledgeTransfer(transferId: string, officer: CustodyOfficer, presentedSha256: string, now: Date): Result<boolean> {
    const movable = this.assertMovable();
    if (!movable.ok) return movable;
    const pending = this.pendingTransfer;
    if (!pending || pending.transferId !== transferId) return err(custodyErrors.noTransferPending(this.evidenceItemId, transferId));
    if (officer.organisationId !== pending.toOrganisationId || (pending.toPersonId !== undefined && pending.toPersonId !== officer.personId)) {
      return err(custodyErrors.notTheReceiver(transferId, officer.organisationId, officer.personId));
    }
    const check = this.integrityCheck(officer, presentedSha256, now);
    this.record<TransferAcknowledged>(CUSTODY_TRANSFER_ACKNOWLEDGED, {
      ...check,
      transferId,
      fromOrganisationId: pending.fromOrganisationId,
      toOrganisationId: pending.toOrganisationId,
    });
    if (!check.match) this.raiseAlarm('TRANSFER_ACKNOWLEDGEMENT', officer, presentedSha256, now);
    return ok(check.match);
  }

  view(viewed: Viewed): Result<void> {
    if (this.status !== 'IN_CUSTODY') {
      return err(this.status === 'COMPROMISED' ? custodyErrors.integrityMismatch(this.evidenceItemId) : custodyErrors.notInCustody(this.evidenceItemId, this.status));
    }
    if (viewed.organisationId !== this.holderOrganisationId) return err(custodyErrors.notTheHolder(this.evidenceItemId, viewed.organisationId));
    this.record(CUSTODY_VIEWED, viewed);
    return ok();
  }

  /**
   * The hand-over a delivery of the package is bound to, if `officer` may have it now (R18.5):
   * the package was handed over and not compromised, the receiving organ still holds it, and
   * the officer is one of the two it was handed over to, with the credential recorded then.
   */
  deliverableTo(officer: { personId: string; credentialNumber: string }): Result<HandedOver> {
    const handOver = this.handOver;
    if (this.status === 'COMPROMISED') return err(custodyErrors.integrityMismatch(this.evidenceItemId));
    if (!handOver) return err(custodyErrors.notHandedOver(this.evidenceItemId, this.status));
    if (this.holderOrganisationId !== handOver.receivingOrganisationId) {
      return err(custodyErrors.notTheHolder(this.evidenceItemId, handOver.receivingOrganisationId));
    }
    const bound = handOver.officers.some((o) => o.personId === officer.personId && o.credentialNumber === officer.credentialNumber);
    return bound ? ok(handOver) : err(custodyErrors.notAReceivingOfficer(this.evidenceItemId, officer.personId));
  }

  /** A download begins: registered before its first byte (R16.6, R18.3), if still deliverable. */
  startDelivery(started: PackageDeliveryStarted): Result<void> {
    const deliverable = this.deliverableTo(started.requestedBy);
    if (!deliverable.ok) return deliverable;
    this.record(CUSTODY_PACKAGE_DELIVERY_STARTED, started);
    return ok();
  }

  /** The whole package went out; bytes that are not the package's raise the alarm (R18.5). */
  completeDelivery(delivered: PackageDelivered): void {
    this.record(CUSTODY_PACKAGE_DELIVERED, delivered);
    if (!delivered.match) this.raiseAlarm('DELIVERY', delivered.requestedBy, delivered.sha256, new Date(delivered.at));
  }

  interruptDelivery(interrupted: PackageDeliveryInterrupted): void {
    this.record(CUSTODY_PACKAGE_DELIVERY_INTERRUPTED, interrupted);
  }

  /**
   * A delivery whose serving process died (its heartbeat stopped) ends as ABANDONED with the
   * bytes last reported (R16.6): no delivery stays "started" for ever. False when it has ended.
   */
  abandonDelivery(deliveryId: string, bytes: number, now: Date): boolean {
    const started = this.openDeliveries.get(deliveryId);
    if (!started) return false;
    const { deliveryId: id, evidenceItemId, approvalDocumentNumber, approvalDocumentId, officers, requestedBy } = started;
    this.interruptDelivery({
      deliveryId: id,
      evidenceItemId,
      approvalDocumentNumber,
      ...(approvalDocumentId ? { approvalDocumentId } : {}),
      officers,
      requestedBy,
      bytes,
      reason: 'ABANDONED',
      at: now.toISOString(),
    });
    return true;
  }

  onPackageDeliveryStarted({ payload }: Event<PackageDeliveryStarted>): void {
    this.openDeliveries.set(payload.deliveryId, payload);
  }

  onPackageDelivered({ payload }: Event<PackageDelivered>): void {
    this.openDeliveries.delete(payload.deliveryId);
  }

  onPackageDeliveryInterrupted({ payload }: Event<PackageDeliveryInterrupted>): void {
    this.openDeliveries.delete(payload.deliveryId);
  }

  onEvidenceItemOpened({ payload }: Event<EvidenceItemOpened>): void {
    this.opened = payload;
    this.holderOrganisationId = payload.ownerOrganisationId;
  }

  onHandOverInitiated({ payload }: Event<HandOverInitiated>): void {
    this.pendingHandOver = payload;
  }

  onHandedOver({ payload }: Event<HandedOver>): void {
    if (this.pendingHandOver?.handOverId === payload.handOverId) this.releasedApproval = this.pendingHandOver.approval;
    this.pendingHandOver = undefined;
    this.handOver = payload;
    this.holderOrganisationId = payload.receivingOrganisationId;
    this.status = 'HANDED_OVER';
  }

  onReceived({ payload }: Event<Received>): void {
    if (payload.match) this.status = 'IN_CUSTODY';
  }

  onVerified(): void {
    // A matching verification changes nothing; a mismatch comes with its alarm.
  }

  onIntegrityMismatchDetected(): void {
    this.status = 'COMPROMISED';
    this.pendingTransfer = undefined;
  }

  onTransferRequested({ payload }: Event<TransferRequested>): void {
    this.pendingTransfer = payload;
  }

  onTransferAcknowledged({ payload }: Event<TransferAcknowledged>): void {
    this.pendingTransfer = undefined;
    this.holderOrganisationId = payload.toOrganisationId;
  }

  onViewed(): void {
    // Registered by the access register (R16.6); custody itself is unchanged.
  }

  private assertMovable(): Result<void> {
    if (this.status === 'COMPROMISED') return err(custodyErrors.integrityMismatch(this.evidenceItemId));
    if (this.status !== 'IN_CUSTODY') return err(custodyErrors.notInCustody(this.evidenceItemId, this.status));
    return ok();
  }

  private assertHolder(officer: CustodyOfficer): Result<void> {
    return officer.organisationId === this.holderOrganisationId
      ? ok()
      : err(custodyErrors.notTheHolder(this.evidenceItemId, officer.organisationId));
  }

  private integrityCheck(officer: CustodyOfficer, presentedSha256: string, now: Date) {
    const expectedSha256 = this.opened.packageSha256;
    return { officer, expectedSha256, presentedSha256, match: presentedSha256 === expectedSha256, at: now.toISOString() };
  }

  private raiseAlarm(during: IntegrityMismatchDetected['during'], officer: CustodyOfficer, presentedSha256: string, now: Date): void {
    this.record<IntegrityMismatchDetected>(CUSTODY_INTEGRITY_MISMATCH_DETECTED, {
      during,
      organisationId: officer.organisationId,
      personId: officer.personId,
      expectedSha256: this.opened.packageSha256,
      presentedSha256,
      detectedAt: now.toISOString(),
    });
  }
}

function mustHaveSecondOfficer(pending: HandOverInitiated): DomainError {
  return domainErrorOf(
    'CUSTOS_R18_1_SECOND_OFFICER_REQUIRED',
    { handOverId: pending.handOverId, confirmBy: pending.confirmBy },
    'the hand-over awaits its second receiving officer: nothing has been released',
  );
}
