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
  CUSTODY_TRANSFER_ATTESTED,
  CUSTODY_TRANSFER_CANCELLED,
  CUSTODY_TRANSFER_REQUESTED,
  CUSTODY_VERIFIED,
  CUSTODY_VIEWED,
  CustodyOfficer,
  EvidenceItemOpened,
  HandedOver,
  HandOverInitiated,
  IntegrityChecked,
  IntegrityCopy,
  IntegrityMismatchDetected,
  PackageDelivered,
  PackageDeliveryInterrupted,
  PackageDeliveryStarted,
  Received,
  TransferAcknowledged,
  TransferAttested,
  TransferCancelled,
  TransferRequested,
  Verified,
  Viewed,
} from '@custos/contracts';
import {
  custodyStatusAfter,
  DEFAULT_RULE_PACK_CONFIG,
  EvidenceItemState,
  EvidenceItemStatus,
  integrityCheckOf,
  IntegrityEvidence,
  mayAcknowledgeTransfer,
  mayCancelTransfer,
  mayInitiateHandOver,
  mayReceive,
  mayRequestTransfer,
  mayVerify,
  mayView,
  deliverableTo,
  ok,
  Result,
  RulePackConfig,
  rulePackFieldAt,
  transferMoved,
} from '@custos/domain';
import { EventSourcedAggregate } from '@custos/eventstore';

type Event<P> = { payload: P };

/** One export package under chain of custody (R18.5), rebuilt from its events. */
export class EvidenceItem extends EventSourcedAggregate implements EvidenceItemState {
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
  /** The first target officer's attestation of the pending transfer; a second, distinct one completes it (R18.1). */
  transferAttestedBy?: CustodyOfficer;
  /** Every integrity challenge answered on this item: each is good for one attestation. */
  readonly answeredChallenges = new Set<string>();

  get evidenceItemId(): string {
    return this.opened.evidenceItemId;
  }

  get packageSha256(): string {
    return this.opened.packageSha256;
  }

  open(opened: EvidenceItemOpened): void {
    this.record(CUSTODY_EVIDENCE_ITEM_OPENED, opened);
  }

  /** The first receiving officer presents the (already verified) approval document. */
  initiateHandOver(initiated: HandOverInitiated, now: Date): Result<void> {
    const may = mayInitiateHandOver(this, now);
    if (!may.ok) return may;
    this.record(CUSTODY_HAND_OVER_INITIATED, initiated);
    return ok();
  }

  /** Records the release, under the rule pack of the systems' place at that instant (issue 21). */
  completeHandOver(handedOver: HandedOver, rulePacks: RulePackConfig = DEFAULT_RULE_PACK_CONFIG): void {
    const place = handedOver.ownerDivisionCode ?? handedOver.receivingDivisionCode;
    this.record(CUSTODY_HANDED_OVER, { ...rulePackFieldAt(place, new Date(handedOver.handedOverAt), rulePacks), ...handedOver });
  }

  /**
   * A receiving officer takes the package into custody (R18.5): custody's re-hash of the
   * stored package and the officer's attestation of their copy must both match, else the
   * alarm names the copy that failed and the item moves no further.
   */
  receive(officer: CustodyOfficer, evidence: IntegrityEvidence, now: Date): Result<IntegrityChecked> {
    const allowed = mayReceive(this, officer);
    if (!allowed.ok) return allowed;
    return this.checkIntegrity(CUSTODY_RECEIVED, 'RECEIPT', officer, evidence, now);
  }

  /** The holder has the package checked at any time, attesting their copy or not (R18.5). */
  verify(officer: CustodyOfficer, evidence: IntegrityEvidence, now: Date): Result<IntegrityChecked> {
    const allowed = mayVerify(this, officer);
    if (!allowed.ok) return allowed;
    return this.checkIntegrity(CUSTODY_VERIFIED, 'VERIFICATION', officer, evidence, now);
  }

  requestTransfer(requested: TransferRequested): Result<void> {
    const may = mayRequestTransfer(this, requested.requestedBy);
    if (!may.ok) return may;
    this.record(CUSTODY_TRANSFER_REQUESTED, requested);
    return ok();
  }

  /**
   * An officer of the target organ attests the copy they received (R18.5); the first attests,
   * the second distinct one takes the item (R18.1), and custody moves only when every check
   * matched. The caller has checked both officers' qualifications at `now` (R18.2).
   */
  acknowledgeTransfer(transferId: string, officer: CustodyOfficer, evidence: IntegrityEvidence, now: Date): Result<IntegrityChecked> {
    const allowed = mayAcknowledgeTransfer(this, transferId, officer);
    if (!allowed.ok) return allowed;
    const { pending, first } = allowed.value;
    const transfer = { transferId, fromOrganisationId: pending.fromOrganisationId, toOrganisationId: pending.toOrganisationId };
    if (!first) return this.checkIntegrity(CUSTODY_TRANSFER_ATTESTED, 'TRANSFER_ACKNOWLEDGEMENT', officer, evidence, now, transfer);
    return this.checkIntegrity(CUSTODY_TRANSFER_ACKNOWLEDGED, 'TRANSFER_ACKNOWLEDGEMENT', officer, evidence, now, { ...transfer, officers: [first, officer] });
  }

  /** The holder withdraws a transfer no one has taken yet; the item stays where it is. */
  cancelTransfer(transferId: string, officer: CustodyOfficer, reason: string, now: Date): Result<void> {
    const pending = mayCancelTransfer(this, transferId, officer);
    if (!pending.ok) return pending;
    this.record<TransferCancelled>(CUSTODY_TRANSFER_CANCELLED, { transferId, toOrganisationId: pending.value.toOrganisationId, cancelledBy: officer, reason, at: now.toISOString() });
    return ok();
  }

  view(viewed: Viewed): Result<void> {
    const may = mayView(this, viewed.organisationId);
    if (!may.ok) return may;
    this.record(CUSTODY_VIEWED, viewed);
    return ok();
  }

  /** A download begins: registered before its first byte (R16.6, R18.3), if still deliverable. */
  startDelivery(started: PackageDeliveryStarted): Result<void> {
    const deliverable = deliverableTo(this, started.requestedBy);
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
    this.status = custodyStatusAfter(this.status, 'HANDED_OVER');
  }

  onReceived({ payload }: Event<Received>): void {
    this.noteAnswered(payload);
    if (payload.match) this.status = custodyStatusAfter(this.status, 'RECEIVED_INTACT');
  }

  onVerified({ payload }: Event<Verified>): void {
    // A matching verification changes nothing else; a mismatch comes with its alarm.
    this.noteAnswered(payload);
  }

  onIntegrityMismatchDetected(): void {
    this.status = custodyStatusAfter(this.status, 'INTEGRITY_MISMATCH');
    this.pendingTransfer = undefined;
    this.transferAttestedBy = undefined;
  }

  onTransferRequested({ payload }: Event<TransferRequested>): void {
    this.pendingTransfer = payload;
    this.transferAttestedBy = undefined;
  }

  onTransferAttested({ payload }: Event<TransferAttested>): void {
    this.noteAnswered(payload);
    if (payload.match) this.transferAttestedBy = payload.officer;
  }

  onTransferCancelled(): void {
    this.pendingTransfer = undefined;
    this.transferAttestedBy = undefined;
  }

  onTransferAcknowledged({ payload }: Event<TransferAcknowledged>): void {
    this.noteAnswered(payload);
    this.pendingTransfer = undefined;
    this.transferAttestedBy = undefined;
    if (transferMoved(payload)) this.holderOrganisationId = payload.toOrganisationId;
  }

  onViewed(): void {
    // Registered by the access register (R16.6); custody itself is unchanged.
  }

  /** Records the check as `type` (R18.5, `integrityCheckOf`); a failed copy raises the alarm, naming it. */
  private checkIntegrity(
    type: string,
    during: IntegrityMismatchDetected['during'],
    officer: CustodyOfficer,
    evidence: IntegrityEvidence,
    now: Date,
    /** The transfer an attestation or acknowledgement belongs to. */
    extra: Pick<TransferAcknowledged, 'transferId' | 'fromOrganisationId' | 'toOrganisationId' | 'officers'> | Record<string, never> = {},
  ): Result<IntegrityChecked> {
    const checked = integrityCheckOf(this, officer, evidence, now);
    if (!checked.ok) return checked;
    const check = checked.value;
    this.record(type, { ...check, ...extra });
    if (check.failedCopy) this.raiseAlarm(during, officer, check.failedCopy === 'STORED' ? evidence.storedSha256 : undefined, now, check.failedCopy);
    return checked;
  }

  private noteAnswered(check: IntegrityChecked): void {
    if (check.attestation) this.answeredChallenges.add(check.attestation.challengeId);
  }

  private raiseAlarm(during: IntegrityMismatchDetected['during'], officer: CustodyOfficer, presentedSha256: string | undefined, now: Date, copy?: IntegrityCopy): void {
    this.record<IntegrityMismatchDetected>(CUSTODY_INTEGRITY_MISMATCH_DETECTED, {
      during,
      organisationId: officer.organisationId,
      personId: officer.personId,
      expectedSha256: this.opened.packageSha256,
      ...(presentedSha256 ? { presentedSha256 } : {}),
      ...(copy ? { copy } : {}),
      detectedAt: now.toISOString(),
    });
  }
}
