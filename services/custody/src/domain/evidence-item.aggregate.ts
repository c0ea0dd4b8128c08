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
import { DomainError, domainErrorOf, err, ok, Result, rulePackFieldAt } from '@custos/domain';
import { EventSourcedAggregate } from '@custos/eventstore';
import { custodyErrors } from './custody.errors';

/**
 * PREPARED: packaged, held by the owner. HANDED_OVER: released to two officers (R18.5),
 * awaiting their re-hash at receipt. IN_CUSTODY: received intact. COMPROMISED: a re-hash did
 * not match; the alarm was raised and the item moves no further.
 */
export type EvidenceItemStatus = 'PREPARED' | 'HANDED_OVER' | 'IN_CUSTODY' | 'COMPROMISED';

type Event<P> = { payload: P };

/**
 * What custody found when it re-read the stored package itself (R18.5), and the officer's
 * answer to its challenge over their own copy with the digest custody computed over the
 * stored bytes for the same nonce.
 */
export interface IntegrityEvidence {
  readonly storedSha256: string;
  readonly attestation?: {
    readonly challengeId: string;
    readonly nonce: string;
    readonly issuedAt: string;
    readonly response: string;
    readonly expectedResponse: string;
  };
}

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
  /** The first target officer's attestation of the pending transfer; a second, distinct one completes it (R18.1). */
  transferAttestedBy?: CustodyOfficer;
  /** Every integrity challenge answered on this item: each is good for one attestation. */
  readonly answeredChallenges = new Set<string>();

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

  /** Records the release, under the rule pack of the systems' place at that instant (issue 21). */
  completeHandOver(handedOver: HandedOver): void {
    const place = handedOver.ownerDivisionCode ?? handedOver.receivingDivisionCode;
    this.record(CUSTODY_HANDED_OVER, { ...rulePackFieldAt(place, new Date(handedOver.handedOverAt)), ...handedOver });
  }

  /** Whether `officer` may receive the item now: checked before custody reads the package. */
  mayReceive(officer: CustodyOfficer): Result<void> {
    if (this.status === 'PREPARED') {
      return err(
        this.pendingHandOver
          ? mustHaveSecondOfficer(this.pendingHandOver)
          : custodyErrors.notHandedOver(this.evidenceItemId, this.status),
      );
    }
    if (this.status !== 'HANDED_OVER') return err(custodyErrors.notHandedOver(this.evidenceItemId, this.status));
    return this.assertHolder(officer);
  }

  /**
   * A receiving officer takes the package into custody (R18.5): custody's re-hash of the
   * stored package and the officer's attestation of their copy must both match, else the
   * alarm names the copy that failed and the item moves no further.
   */
  receive(officer: CustodyOfficer, evidence: IntegrityEvidence, now: Date): Result<IntegrityChecked> {
    const allowed = this.mayReceive(officer);
    if (!allowed.ok) return allowed;
    return this.checkIntegrity(CUSTODY_RECEIVED, 'RECEIPT', officer, evidence, now);
  }

  mayVerify(officer: CustodyOfficer): Result<void> {
    if (this.status !== 'IN_CUSTODY' && this.status !== 'COMPROMISED') {
      return err(custodyErrors.notInCustody(this.evidenceItemId, this.status));
    }
    return this.assertHolder(officer);
  }

  /** The holder has the package checked at any time, attesting their copy or not (R18.5). */
  verify(officer: CustodyOfficer, evidence: IntegrityEvidence, now: Date): Result<IntegrityChecked> {
    const allowed = this.mayVerify(officer);
    if (!allowed.ok) return allowed;
    return this.checkIntegrity(CUSTODY_VERIFIED, 'VERIFICATION', officer, evidence, now);
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

  /**
   * Whether `officer` may acknowledge the pending transfer (R18.1, R18.5): an officer of the
   * target organ, not the one who already attested it; when a receiver is named, the two who
   * take the item include them. Returns the transfer and the first officer, if one attested.
   */
  mayAcknowledgeTransfer(transferId: string, officer: CustodyOfficer): Result<{ pending: TransferRequested; first?: CustodyOfficer }> {
    const movable = this.assertMovable();
    if (!movable.ok) return movable;
    const pending = this.pendingTransfer;
    if (!pending || pending.transferId !== transferId) return err(custodyErrors.noTransferPending(this.evidenceItemId, transferId));
    if (officer.organisationId !== pending.toOrganisationId) return err(custodyErrors.notTheReceiver(transferId, officer.organisationId, officer.personId));
    const first = this.transferAttestedBy;
    if (first?.personId === officer.personId) {
      return err(domainErrorOf('CUSTOS_R18_1_SAME_OFFICER_TWICE', { personId: officer.personId, sameBy: 'personId' }));
    }
    if (first && pending.toPersonId !== undefined && ![first.personId, officer.personId].includes(pending.toPersonId)) {
      return err(custodyErrors.notTheReceiver(transferId, officer.organisationId, officer.personId));
    }
    return ok({ pending, ...(first ? { first } : {}) });
  }

  /**
   * An officer of the target organ attests the copy they received (R18.5); the first attests,
   * the second distinct one takes the item (R18.1), and custody moves only when every check
   * matched. The caller has checked both officers' qualifications at `now` (R18.2).
   */
  acknowledgeTransfer(transferId: string, officer: CustodyOfficer, evidence: IntegrityEvidence, now: Date): Result<IntegrityChecked> {
    const allowed = this.mayAcknowledgeTransfer(transferId, officer);
    if (!allowed.ok) return allowed;
    const { pending, first } = allowed.value;
    const transfer = { transferId, fromOrganisationId: pending.fromOrganisationId, toOrganisationId: pending.toOrganisationId };
    if (!first) return this.checkIntegrity(CUSTODY_TRANSFER_ATTESTED, 'TRANSFER_ACKNOWLEDGEMENT', officer, evidence, now, transfer);
    return this.checkIntegrity(CUSTODY_TRANSFER_ACKNOWLEDGED, 'TRANSFER_ACKNOWLEDGEMENT', officer, evidence, now, { ...transfer, officers: [first, officer] });
  }

  /** The holder withdraws a transfer no one has taken yet; the item stays where it is. */
  cancelTransfer(transferId: string, officer: CustodyOfficer, reason: string, now: Date): Result<void> {
    const pending = this.pendingTransfer;
    if (!pending || pending.transferId !== transferId) return err(custodyErrors.noTransferPending(this.evidenceItemId, transferId));
    const holder = this.assertHolder(officer);
    if (!holder.ok) return holder;
    this.record<TransferCancelled>(CUSTODY_TRANSFER_CANCELLED, { transferId, toOrganisationId: pending.toOrganisationId, cancelledBy: officer, reason, at: now.toISOString() });
    return ok();
  }

  /** Who may be challenged to attest a copy: an officer of the holding organ, or of a transfer's target (R18.5). */
  mayAttest(officer: CustodyOfficer): Result<void> {
    if (this.pendingTransfer?.toOrganisationId === officer.organisationId) return ok();
    if (this.status === 'PREPARED') return err(custodyErrors.notHandedOver(this.evidenceItemId, this.status));
    return this.assertHolder(officer);
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
    this.noteAnswered(payload);
    if (payload.match) this.status = 'IN_CUSTODY';
  }

  onVerified({ payload }: Event<Verified>): void {
    // A matching verification changes nothing else; a mismatch comes with its alarm.
    this.noteAnswered(payload);
  }

  onIntegrityMismatchDetected(): void {
    this.status = 'COMPROMISED';
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

  /**
   * Records the check as `type` (R18.5): the stored copy matches when custody's own re-hash is
   * the hash recorded at export; the officer's copy when their answer to the challenge is the
   * digest of the stored bytes for the same nonce (unverifiable when the stored copy failed).
   * A failed copy raises the alarm, naming it. A challenge answers once.
   */
  private checkIntegrity(
    type: string,
    during: IntegrityMismatchDetected['during'],
    officer: CustodyOfficer,
    evidence: IntegrityEvidence,
    now: Date,
    /** The transfer an attestation or acknowledgement belongs to. */
    extra: Pick<TransferAcknowledged, 'transferId' | 'fromOrganisationId' | 'toOrganisationId' | 'officers'> | Record<string, never> = {},
  ): Result<IntegrityChecked> {
    const given = evidence.attestation;
    if (given && this.answeredChallenges.has(given.challengeId)) return err(custodyErrors.challengeUsed(this.evidenceItemId, given.challengeId));
    const expectedSha256 = this.opened.packageSha256;
    const storedMatch = evidence.storedSha256 === expectedSha256;
    const attestation = given && {
      challengeId: given.challengeId,
      nonce: given.nonce,
      issuedAt: given.issuedAt,
      response: given.response,
      result: !storedMatch ? ('UNVERIFIABLE' as const) : given.response === given.expectedResponse ? ('MATCH' as const) : ('MISMATCH' as const),
    };
    const failedCopy: IntegrityCopy | undefined = !storedMatch ? 'STORED' : attestation?.result === 'MISMATCH' ? 'RECEIVED' : undefined;
    const check: IntegrityChecked = {
      officer,
      expectedSha256,
      storedSha256: evidence.storedSha256,
      ...(attestation ? { attestation } : {}),
      ...(failedCopy ? { failedCopy } : {}),
      match: failedCopy === undefined,
      at: now.toISOString(),
    };
    this.record(type, { ...check, ...extra });
    if (failedCopy) this.raiseAlarm(during, officer, failedCopy === 'STORED' ? evidence.storedSha256 : undefined, now, failedCopy);
    return ok(check);
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

function mustHaveSecondOfficer(pending: HandOverInitiated): DomainError {
  return domainErrorOf(
    'CUSTOS_R18_1_SECOND_OFFICER_REQUIRED',
    { handOverId: pending.handOverId, confirmBy: pending.confirmBy },
    'the hand-over awaits its second receiving officer: nothing has been released',
  );
}

/**
 * Whether an acknowledgement passed custody: only when every copy matched (R18.5). Before
 * issue 12 (no server re-hash recorded) an acknowledgement always passed it, as it did then.
 */
export function transferMoved(acknowledged: TransferAcknowledged): boolean {
  return acknowledged.match || acknowledged.storedSha256 === undefined;
}
