import { CustodyOfficer, HandedOver, HandOverInitiated, IntegrityChecked, IntegrityCopy, TransferAcknowledged, TransferRequested } from '@custos/contracts';
import { err, ok, Result } from '../result';
import { SECOND_MS } from '../shared/time-window';
import { custodyErrors } from './custody-errors';

/**
 * How long the second receiving officer has, by default, to confirm a hand-over the first
 * started (R18.1): nothing is released before, and a hand-over not confirmed in time lapses.
 * The one place this default is written; the configuration and the handler derive from it.
 */
export const DEFAULT_HAND_OVER_CONFIRM_MINUTES = 15;
export const DEFAULT_HAND_OVER_CONFIRM_MS = DEFAULT_HAND_OVER_CONFIRM_MINUTES * 60 * SECOND_MS;

/**
 * PREPARED: packaged, held by the owner. HANDED_OVER: released to two officers (R18.5),
 * awaiting their re-hash at receipt. IN_CUSTODY: received intact. COMPROMISED: a re-hash did
 * not match; the alarm was raised and the item moves no further.
 */
export type EvidenceItemStatus = 'PREPARED' | 'HANDED_OVER' | 'IN_CUSTODY' | 'COMPROMISED';

/** What moves an item along the chain of custody (R18.5). */
export type CustodyFact = 'HANDED_OVER' | 'RECEIVED_INTACT' | 'INTEGRITY_MISMATCH';

/**
 * The custody state after `fact` (R18.5): a confirmed hand-over releases it, an intact receipt
 * takes it into custody, and a mismatch at any step compromises it for good.
 */
export function custodyStatusAfter(status: EvidenceItemStatus, fact: CustodyFact): EvidenceItemStatus {
  if (status === 'COMPROMISED' || fact === 'INTEGRITY_MISMATCH') return 'COMPROMISED';
  return fact === 'HANDED_OVER' ? 'HANDED_OVER' : 'IN_CUSTODY';
}

/** What the chain-of-custody rules read of an evidence item (the aggregate is one). */
export interface EvidenceItemState {
  readonly evidenceItemId: string;
  readonly status: EvidenceItemStatus;
  readonly holderOrganisationId: string;
  /** The hash recorded at export: every re-hash is compared with it (R18.5). */
  readonly packageSha256: string;
  readonly pendingHandOver?: HandOverInitiated;
  readonly handOver?: HandedOver;
  readonly pendingTransfer?: TransferRequested;
  /** The first target officer's attestation of the pending transfer (R18.1). */
  readonly transferAttestedBy?: CustodyOfficer;
  /** Every integrity challenge answered on the item: each is good for one attestation. */
  readonly answeredChallenges: ReadonlySet<string>;
}

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

/** The officer acts for the organ holding the item (R3.1, R18.5). */
function assertHolder(item: EvidenceItemState, officer: Pick<CustodyOfficer, 'organisationId'>): Result<void> {
  return officer.organisationId === item.holderOrganisationId ? ok() : err(custodyErrors.notTheHolder(item.evidenceItemId, officer.organisationId));
}

/** Only an intact item in custody may move on (R18.5). */
function assertMovable(item: EvidenceItemState): Result<void> {
  if (item.status === 'COMPROMISED') return err(custodyErrors.integrityMismatch(item.evidenceItemId));
  if (item.status !== 'IN_CUSTODY') return err(custodyErrors.notInCustody(item.evidenceItemId, item.status));
  return ok();
}

/**
 * May a first receiving officer start a hand-over at `now` (R18.5, R18.1)? Only of a prepared
 * item, and not while another officer's hand-over still awaits its second officer.
 */
export function mayInitiateHandOver(item: EvidenceItemState, now: Date): Result<void> {
  if (item.status !== 'PREPARED') return err(custodyErrors.alreadyHandedOver(item.evidenceItemId));
  const pending = item.pendingHandOver;
  if (pending && now.getTime() < Date.parse(pending.confirmBy)) {
    return err(custodyErrors.handOverPending(item.evidenceItemId, pending.handOverId, pending.confirmBy));
  }
  return ok();
}

/** The pending hand-over a second officer may still confirm at `now`: before its deadline (R18.1). */
export function handOverToConfirm(item: EvidenceItemState, now: Date): Result<HandOverInitiated> {
  if (item.status !== 'PREPARED') return err(custodyErrors.alreadyHandedOver(item.evidenceItemId));
  const pending = item.pendingHandOver;
  if (!pending) return err(custodyErrors.noHandOverPending(item.evidenceItemId));
  if (now.getTime() >= Date.parse(pending.confirmBy)) return err(custodyErrors.coSignatureExpired(pending.handOverId, pending.confirmBy));
  return ok(pending);
}

/**
 * May `officer` take the item into custody (R18.5)? Only once handed over (a hand-over still
 * awaiting its second officer has released nothing, R18.1), and only an officer of the
 * receiving organ. Checked before custody reads the package.
 */
export function mayReceive(item: EvidenceItemState, officer: CustodyOfficer): Result<void> {
  if (item.status === 'PREPARED' && item.pendingHandOver) {
    return err(custodyErrors.secondOfficerRequired(item.pendingHandOver.handOverId, item.pendingHandOver.confirmBy));
  }
  if (item.status !== 'HANDED_OVER') return err(custodyErrors.notHandedOver(item.evidenceItemId, item.status));
  return assertHolder(item, officer);
}

/** May `officer` have the package checked (R18.5)? The holder, at any time once it was received. */
export function mayVerify(item: EvidenceItemState, officer: CustodyOfficer): Result<void> {
  if (item.status !== 'IN_CUSTODY' && item.status !== 'COMPROMISED') return err(custodyErrors.notInCustody(item.evidenceItemId, item.status));
  return assertHolder(item, officer);
}

/** May the holder ask to pass the item on (R18.5)? Intact, in custody, and no other transfer pending. */
export function mayRequestTransfer(item: EvidenceItemState, requestedBy: CustodyOfficer): Result<void> {
  const movable = assertMovable(item);
  if (!movable.ok) return movable;
  const holder = assertHolder(item, requestedBy);
  if (!holder.ok) return holder;
  if (item.pendingTransfer) return err(custodyErrors.transferPending(item.evidenceItemId, item.pendingTransfer.transferId));
  return ok();
}

/**
 * May `officer` acknowledge the pending transfer (R18.1, R18.5)? An officer of the target
 * organ, not the one who already attested it; when a receiver is named, the two who take the
 * item include them. Returns the transfer and the first officer, if one attested.
 */
export function mayAcknowledgeTransfer(
  item: EvidenceItemState,
  transferId: string,
  officer: CustodyOfficer,
): Result<{ pending: TransferRequested; first?: CustodyOfficer }> {
  const movable = assertMovable(item);
  if (!movable.ok) return movable;
  const pending = item.pendingTransfer;
  if (!pending || pending.transferId !== transferId) return err(custodyErrors.noTransferPending(item.evidenceItemId, transferId));
  if (officer.organisationId !== pending.toOrganisationId) return err(custodyErrors.notTheReceiver(transferId, officer.organisationId, officer.personId));
  const first = item.transferAttestedBy;
  if (first?.personId === officer.personId) return err(custodyErrors.sameOfficerTwice(officer.personId));
  if (first && pending.toPersonId !== undefined && ![first.personId, officer.personId].includes(pending.toPersonId)) {
    return err(custodyErrors.notTheReceiver(transferId, officer.organisationId, officer.personId));
  }
  return ok({ pending, ...(first ? { first } : {}) });
}

/** May `officer` withdraw the transfer (R18.5)? Only the holder, and only one still pending. */
export function mayCancelTransfer(item: EvidenceItemState, transferId: string, officer: CustodyOfficer): Result<TransferRequested> {
  const pending = item.pendingTransfer;
  if (!pending || pending.transferId !== transferId) return err(custodyErrors.noTransferPending(item.evidenceItemId, transferId));
  const holder = assertHolder(item, officer);
  return holder.ok ? ok(pending) : holder;
}

/** Who may be challenged to attest a copy (R18.5): an officer of the holding organ, or of a pending transfer's target. */
export function mayAttest(item: EvidenceItemState, officer: CustodyOfficer): Result<void> {
  if (item.pendingTransfer?.toOrganisationId === officer.organisationId) return ok();
  if (item.status === 'PREPARED') return err(custodyErrors.notHandedOver(item.evidenceItemId, item.status));
  return assertHolder(item, officer);
}

/** May an officer of `organisationId` view the package (R18.5, R16.6)? Only the holder's, of an intact item in custody. */
export function mayView(item: EvidenceItemState, organisationId: string): Result<void> {
  if (item.status === 'COMPROMISED') return err(custodyErrors.integrityMismatch(item.evidenceItemId));
  if (item.status !== 'IN_CUSTODY') return err(custodyErrors.notInCustody(item.evidenceItemId, item.status));
  return assertHolder(item, { organisationId });
}

/**
 * The hand-over a delivery of the package is bound to, if `officer` may have it now (R18.5):
 * the package was handed over and not compromised, the receiving organ still holds it, and
 * the officer is one of the two it was handed over to, with the credential recorded then.
 */
export function deliverableTo(item: EvidenceItemState, officer: { personId: string; credentialNumber: string }): Result<HandedOver> {
  const handOver = item.handOver;
  if (item.status === 'COMPROMISED') return err(custodyErrors.integrityMismatch(item.evidenceItemId));
  if (!handOver) return err(custodyErrors.notHandedOver(item.evidenceItemId, item.status));
  if (item.holderOrganisationId !== handOver.receivingOrganisationId) {
    return err(custodyErrors.notTheHolder(item.evidenceItemId, handOver.receivingOrganisationId));
  }
  const bound = handOver.officers.some((o) => o.personId === officer.personId && o.credentialNumber === officer.credentialNumber);
  return bound ? ok(handOver) : err(custodyErrors.notAReceivingOfficer(item.evidenceItemId, officer.personId));
}

/**
 * The integrity check of what custody found (R18.5): the stored copy matches when custody's
 * own re-hash is the hash recorded at export; the officer's copy when their answer to the
 * challenge is the digest of the stored bytes for the same nonce (unverifiable when the stored
 * copy failed). `failedCopy` names the copy that raises the alarm. A challenge answers once.
 */
export function integrityCheckOf(item: EvidenceItemState, officer: CustodyOfficer, evidence: IntegrityEvidence, now: Date): Result<IntegrityChecked> {
  const given = evidence.attestation;
  if (given && item.answeredChallenges.has(given.challengeId)) return err(custodyErrors.challengeUsed(item.evidenceItemId, given.challengeId));
  const expectedSha256 = item.packageSha256;
  const storedMatch = evidence.storedSha256 === expectedSha256;
  const attestation = given && {
    challengeId: given.challengeId,
    nonce: given.nonce,
    issuedAt: given.issuedAt,
    response: given.response,
    result: !storedMatch ? ('UNVERIFIABLE' as const) : given.response === given.expectedResponse ? ('MATCH' as const) : ('MISMATCH' as const),
  };
  const failedCopy: IntegrityCopy | undefined = !storedMatch ? 'STORED' : attestation?.result === 'MISMATCH' ? 'RECEIVED' : undefined;
  return ok({
    officer,
    expectedSha256,
    storedSha256: evidence.storedSha256,
    ...(attestation ? { attestation } : {}),
    ...(failedCopy ? { failedCopy } : {}),
    match: failedCopy === undefined,
    at: now.toISOString(),
  });
}

/**
 * Whether an acknowledgement passed custody: only when every copy matched (R18.5). Before
 * issue 12 (no server re-hash recorded) an acknowledgement always passed it, as it did then.
 */
export function transferMoved(acknowledged: Pick<TransferAcknowledged, 'match' | 'storedSha256'>): boolean {
  return acknowledged.match || acknowledged.storedSha256 === undefined;
}
