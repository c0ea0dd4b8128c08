import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { EventDefinition } from '../event-registry';
import { RefusalFacts, RefusedActor } from '../refusals';
import { DecidedUnderRulePack } from '../rule-pack-record';

/**
 * The custody service's facts (issue 6): one evidence item per export package, and its chain
 * of custody hand to hand (R18.5). Every receipt, verification and transfer acknowledgement
 * re-hashes the package; a mismatch is an alarm of its own. Hand-overs and views are what the
 * access register (R16.6) lists.
 */
export const CUSTODY_EVIDENCE_ITEM_OPENED = 'custody.EvidenceItemOpened';
export const CUSTODY_HAND_OVER_INITIATED = 'custody.HandOverInitiated';
export const CUSTODY_HANDED_OVER = 'custody.HandedOver';
export const CUSTODY_RECEIVED = 'custody.Received';
export const CUSTODY_VERIFIED = 'custody.Verified';
export const CUSTODY_INTEGRITY_MISMATCH_DETECTED = 'custody.IntegrityMismatchDetected';
export const CUSTODY_TRANSFER_REQUESTED = 'custody.TransferRequested';
export const CUSTODY_TRANSFER_ACKNOWLEDGED = 'custody.TransferAcknowledged';
export const CUSTODY_TRANSFER_ATTESTED = 'custody.TransferAttested';
export const CUSTODY_TRANSFER_CANCELLED = 'custody.TransferCancelled';
export const CUSTODY_VIEWED = 'custody.Viewed';
export const CUSTODY_HAND_OVER_REFUSED = 'custody.HandOverRefused';
export const CUSTODY_PACKAGE_DELIVERY_STARTED = 'custody.PackageDeliveryStarted';
export const CUSTODY_PACKAGE_DELIVERED = 'custody.PackageDelivered';
export const CUSTODY_PACKAGE_DELIVERY_INTERRUPTED = 'custody.PackageDeliveryInterrupted';

export const CUSTODY_FOOTAGE_READ_BY_SERVICE = 'custody.FootageReadByService';

export const CUSTODY_VIEWING_SESSION_OPENED = 'custody.ViewingSessionOpened';
export const CUSTODY_OFFICER_JOINED_VIEWING = 'custody.OfficerJoinedViewing';
export const CUSTODY_VIEWING_SESSION_CLOSED = 'custody.ViewingSessionClosed';
export const CUSTODY_VIEWING_REFUSED = 'custody.ViewingRefused';
/** The steps of a VIEW whose refusals are recorded: opening, joining, closing, ending, asking for playback. */
export const VIEWING_STEPS = ['OPEN', 'JOIN', 'CLOSE', 'END', 'PLAYBACK_LINKS'] as const;
export type ViewingStep = (typeof VIEWING_STEPS)[number];
/** REQUEST_WITHDRAWN: the VIEW request was withdrawn while its session was open (R18.3). */
export const VIEWING_SESSION_CLOSE_REASONS = [
  'CLOSED_BY_OWNER',
  'ENDED_BY_OFFICERS',
  'EXPIRED',
  'REQUEST_WITHDRAWN',
] as const;
export type ViewingSessionCloseReason = (typeof VIEWING_SESSION_CLOSE_REASONS)[number];

export const CUSTODY_DIRECT_ACCESS_SESSION_OPENED = 'custody.DirectAccessSessionOpened';
export const CUSTODY_OFFICER_JOINED_DIRECT_ACCESS = 'custody.OfficerJoinedDirectAccess';
export const CUSTODY_DIRECT_ACCESS_SESSION_ENDED = 'custody.DirectAccessSessionEnded';
/** DOCUMENT_REVOKED: the approval document of the grant was revoked while the session was open (R17.4). */
export const DIRECT_ACCESS_END_REASONS = ['ENDED_BY_OFFICERS', 'EXPIRED', 'DOCUMENT_REVOKED'] as const;
export type DirectAccessEndReason = (typeof DIRECT_ACCESS_END_REASONS)[number];

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** An officer as custody records them: who, for which organ, showing which credential (R18.2). */
export class CustodyOfficer {
  @IsString() @MaxLength(200) personId!: string;
  @IsString() @MaxLength(200) subject!: string;
  @IsString() @MaxLength(200) organisationId!: string;
  @IsString() @MaxLength(100) credentialNumber!: string;
}

/** An export package of storage became an evidence item, held by the owner that exported it. */
export class EvidenceItemOpened {
  @IsString() @MaxLength(200) evidenceItemId!: string;
  @IsString() @MaxLength(200) exportId!: string;
  @IsString() @MaxLength(40) approvalDocumentNumber!: string;
  @IsString() @MaxLength(200) issuingOrganisationId!: string;
  @IsString() @MaxLength(200) requestId!: string;
  @IsIn(['COPY', 'RETRIEVE']) kind!: 'COPY' | 'RETRIEVE';
  @IsString() @MaxLength(200) ownerOrganisationId!: string;
  /** The organ the approval document authorises (R18.5); absent on items opened before documents named it. */
  @IsOptional() @IsString() @MaxLength(200) requestingOrganisationId?: string;
  /** The signed id of the approval document the package was exported on; absent likewise. */
  @IsOptional() @IsString() @MaxLength(200) approvalDocumentId?: string;
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) cameraIds!: string[];
  @IsISO8601() windowFrom!: string;
  @IsISO8601() windowTo!: string;
  @Matches(SHA256_HEX) packageSha256!: string;
  @IsInt() @Min(0) packageSizeBytes!: number;
  @IsISO8601() exportedAt!: string;
}

/** The first receiving officer presented the approval document; a second must confirm (R18.1, R18.5). */
export class HandOverInitiated extends DecidedUnderRulePack {
  @IsString() @MaxLength(200) handOverId!: string;
  @IsString() @MaxLength(200) receivingOrganisationId!: string;
  @ValidateNested() @Type(() => CustodyOfficer) officer!: CustodyOfficer;
  @IsString() @MaxLength(40) approvalDocumentNumber!: string;
  /** The document's signed id: what custody identifies it by (a number alone is for people). */
  @IsOptional() @IsString() @MaxLength(200) approvalDocumentId?: string;
  /** The signed document as presented: verified again, for revocation and expiry, at release. */
  @IsObject() approval!: Record<string, unknown>;
  @IsString() @MaxLength(2000) purpose!: string;
  @IsISO8601() initiatedAt!: string;
  /** The second officer confirms before this instant, or the hand-over lapses. */
  @IsISO8601() confirmBy!: string;
}

/** The package was released to two qualified officers of the receiving organ (R18.1, R18.2, R18.5). */
export class HandedOver extends DecidedUnderRulePack {
  @IsString() @MaxLength(200) handOverId!: string;
  @IsString() @MaxLength(200) fromOrganisationId!: string;
  @IsString() @MaxLength(200) receivingOrganisationId!: string;
  @IsString() @MaxLength(12) receivingDivisionCode!: string;
  @IsOptional() @IsString() @MaxLength(12) ownerDivisionCode?: string;
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(2) @ValidateNested({ each: true }) @Type(() => CustodyOfficer) officers!: CustodyOfficer[];
  @IsString() @MaxLength(40) approvalDocumentNumber!: string;
  @IsOptional() @IsString() @MaxLength(200) approvalDocumentId?: string;
  @IsString() @MaxLength(200) issuingOrganisationId!: string;
  @IsIn(['COPY', 'RETRIEVE']) kind!: 'COPY' | 'RETRIEVE';
  @IsString() @MaxLength(2000) purpose!: string;
  @IsISO8601() handedOverAt!: string;
}

/** Which copy of a package failed a check: the one in storage, or the one the officer holds. */
export const INTEGRITY_COPIES = ['STORED', 'RECEIVED'] as const;
export type IntegrityCopy = (typeof INTEGRITY_COPIES)[number];

/**
 * The officer's attestation of the copy they hold, answered to a fresh challenge without being
 * told any expected value (R18.5): `response` = SHA-256 of the nonce (as ASCII hex) followed by
 * the package bytes. `result` is custody's comparison with the same digest over the stored
 * package; UNVERIFIABLE when the stored copy itself failed, so there was nothing to compare with.
 */
export class IntegrityAttestation {
  @IsString() @MaxLength(200) challengeId!: string;
  @Matches(SHA256_HEX) nonce!: string;
  @IsISO8601() issuedAt!: string;
  @Matches(SHA256_HEX) response!: string;
  @IsIn(['MATCH', 'MISMATCH', 'UNVERIFIABLE']) result!: 'MATCH' | 'MISMATCH' | 'UNVERIFIABLE';
}

/**
 * A check of the package: custody re-reads and re-hashes the stored package itself
 * (`storedSha256`) and compares it with the hash recorded at export (`expectedSha256`); the
 * officer's attestation of their own copy is recorded beside it. Events before issue 12 carry
 * `presentedSha256`, the hash the client sent, instead.
 */
export class IntegrityChecked {
  @ValidateNested() @Type(() => CustodyOfficer) officer!: CustodyOfficer;
  @Matches(SHA256_HEX) expectedSha256!: string;
  @IsOptional() @Matches(SHA256_HEX) presentedSha256?: string;
  @IsOptional() @Matches(SHA256_HEX) storedSha256?: string;
  @IsOptional() @ValidateNested() @Type(() => IntegrityAttestation) attestation?: IntegrityAttestation;
  /** The copy that failed, when one did. */
  @IsOptional() @IsIn(INTEGRITY_COPIES) failedCopy?: IntegrityCopy;
  @IsBoolean() match!: boolean;
  @IsISO8601() at!: string;
}

export class Received extends IntegrityChecked {}
export class Verified extends IntegrityChecked {}

/** The alarm: bytes held somewhere in the chain are not the packaged bytes. Transfers stop. */
export class IntegrityMismatchDetected {
  @IsIn(['RECEIPT', 'VERIFICATION', 'TRANSFER_ACKNOWLEDGEMENT', 'DELIVERY']) during!: 'RECEIPT' | 'VERIFICATION' | 'TRANSFER_ACKNOWLEDGEMENT' | 'DELIVERY';
  @IsString() @MaxLength(200) organisationId!: string;
  @IsString() @MaxLength(200) personId!: string;
  @Matches(SHA256_HEX) expectedSha256!: string;
  /** The hash of the bytes that failed, when custody computed one (stored or delivered bytes). */
  @IsOptional() @Matches(SHA256_HEX) presentedSha256?: string;
  /** Which copy failed: the stored package, or the copy the officer attested (RECEIVED). */
  @IsOptional() @IsIn(INTEGRITY_COPIES) copy?: IntegrityCopy;
  @IsISO8601() detectedAt!: string;
}

/** The holder asked to pass the item on; custody moves only when the receiver acknowledges. */
export class TransferRequested {
  @IsString() @MaxLength(200) transferId!: string;
  @IsString() @MaxLength(200) fromOrganisationId!: string;
  @IsString() @MaxLength(200) toOrganisationId!: string;
  @IsOptional() @IsString() @MaxLength(200) toPersonId?: string;
  @ValidateNested() @Type(() => CustodyOfficer) requestedBy!: CustodyOfficer;
  @IsString() @MaxLength(2000) purpose!: string;
  @IsISO8601() requestedAt!: string;
}

/** The receiver took the item, re-hashing what they received. */
export class TransferAcknowledged extends IntegrityChecked {
  @IsString() @MaxLength(200) transferId!: string;
  @IsString() @MaxLength(200) fromOrganisationId!: string;
  @IsString() @MaxLength(200) toOrganisationId!: string;
  /**
   * The two distinct qualified officers of the target organ who took it (R18.1, R18.5): the
   * one who attested first (TransferAttested), then `officer`. Absent before issue 12.
   */
  @IsOptional() @IsArray() @ArrayMinSize(2) @ArrayMaxSize(2) @ValidateNested({ each: true }) @Type(() => CustodyOfficer) officers?: CustodyOfficer[];
}

/** The first officer of the target organ attested their copy; a second, distinct officer completes the transfer (R18.1). */
export class TransferAttested extends IntegrityChecked {
  @IsString() @MaxLength(200) transferId!: string;
  @IsString() @MaxLength(200) fromOrganisationId!: string;
  @IsString() @MaxLength(200) toOrganisationId!: string;
}

/** The holder withdrew a transfer still awaiting acknowledgement; the item stays with them. */
export class TransferCancelled {
  @IsString() @MaxLength(200) transferId!: string;
  @IsString() @MaxLength(200) toOrganisationId!: string;
  @ValidateNested() @Type(() => CustodyOfficer) cancelledBy!: CustodyOfficer;
  @IsString() @MaxLength(2000) reason!: string;
  @IsISO8601() at!: string;
}

/** The holder viewed the package's footage (R16.6). */
export class Viewed {
  @IsString() @MaxLength(200) organisationId!: string;
  @IsString() @MaxLength(12) divisionCode!: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => CustodyOfficer) officers!: CustodyOfficer[];
  @IsString() @MaxLength(2000) purpose!: string;
  @IsISO8601() viewedAt!: string;
}

/** An officer as they presented themselves to a refused step: not necessarily registered or qualified. */
export class PresentedOfficer extends RefusedActor {}

/**
 * A hand-over step was refused (R18.1, R18.2, R18.5, R17.5): the trace of the attempt. The item
 * itself is unchanged, so this fact lives on the item's refusals stream, not on the item's own.
 */
export class HandOverRefused extends DecidedUnderRulePack {
  @IsString() @MaxLength(200) evidenceItemId!: string;
  /** DELIVERY: a download by delivery link was refused (a used link, a lapsed qualification, a revoked document). */
  @IsIn(['INITIATE', 'CONFIRM', 'RECEIPT', 'DELIVERY']) step!: 'INITIATE' | 'CONFIRM' | 'RECEIPT' | 'DELIVERY';
  @IsOptional() @IsString() @MaxLength(200) handOverId?: string;
  @Matches(/^CUSTOS_[A-Z0-9_]+$/) @MaxLength(100) code!: string;
  @IsString() @MaxLength(20) rule!: string;
  @IsString() @MaxLength(2000) reason!: string;
  /** The caller, and for a confirmation the first officer of the pending hand-over. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(2) @ValidateNested({ each: true }) @Type(() => PresentedOfficer) officers!: PresentedOfficer[];
  /** As presented, when one was: a forged document's number is the forger's claim. */
  @IsOptional() @IsString() @MaxLength(40) approvalDocumentNumber?: string;
  @IsISO8601() at!: string;
}

/** Who a delivery of the package is bound to (R18.5): the hand-over's two officers and document. */
class DeliveryBinding {
  @IsString() @MaxLength(200) deliveryId!: string;
  @IsString() @MaxLength(200) evidenceItemId!: string;
  @IsString() @MaxLength(40) approvalDocumentNumber!: string;
  @IsOptional() @IsString() @MaxLength(200) approvalDocumentId?: string;
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(2) @ValidateNested({ each: true }) @Type(() => CustodyOfficer) officers!: CustodyOfficer[];
  /** The officer (one of the two) who asked for the delivery link. */
  @ValidateNested() @Type(() => CustodyOfficer) requestedBy!: CustodyOfficer;
}

/**
 * A download of the package through custody began (R16.6, R18.3): registered before its first
 * byte leaves, so that no byte leaves unregistered. Ends as PackageDelivered or interrupted.
 */
export class PackageDeliveryStarted extends DeliveryBinding {
  @IsString() @MaxLength(200) linkId!: string;
  @IsString() @MaxLength(200) receivingOrganisationId!: string;
  @IsString() @MaxLength(12) receivingDivisionCode!: string;
  @IsString() @MaxLength(2000) purpose!: string;
  @IsInt() @Min(0) sizeBytes!: number;
  @IsISO8601() at!: string;
}

/** The whole package went out (R18.5), re-hashed on the way: a mismatch comes with the alarm. */
export class PackageDelivered extends DeliveryBinding {
  @IsInt() @Min(0) bytes!: number;
  @Matches(SHA256_HEX) sha256!: string;
  @Matches(SHA256_HEX) expectedSha256!: string;
  @IsBoolean() match!: boolean;
  @IsISO8601() at!: string;
}

export const DELIVERY_INTERRUPTION_REASONS = ['CLIENT_GONE', 'SOURCE_FAILED', 'ABANDONED'] as const;

/**
 * A download stopped before its end: `bytes` of the package had gone out (R16.6), as far as
 * known. ABANDONED: the process serving it died (its heartbeat stopped); the sweeper records it.
 */
export class PackageDeliveryInterrupted extends DeliveryBinding {
  @IsInt() @Min(0) bytes!: number;
  @IsIn(DELIVERY_INTERRUPTION_REASONS) reason!: (typeof DELIVERY_INTERRUPTION_REASONS)[number];
  @IsISO8601() at!: string;
}

/** An officer as the co-signed request names them: who, with the credential they signed with (R18.2). */
export class ViewingRequestOfficer {
  @IsString() @MaxLength(200) personId!: string;
  @IsString() @MaxLength(100) credentialNumber!: string;
}

/**
 * The owner's operator opened a time-boxed viewing session for a co-signed VIEW request of the
 * owner's systems (R18.1–R18.4): the two co-signing officers may join and play its footage
 * until it closes or `expiresAt`.
 */
export class ViewingSessionOpened extends DecidedUnderRulePack {
  @IsString() @MaxLength(200) sessionId!: string;
  @IsString() @MaxLength(200) requestId!: string;
  @IsString() @MaxLength(200) ownerOrganisationId!: string;
  @IsOptional() @IsString() @MaxLength(12) ownerDivisionCode?: string;
  @IsString() @MaxLength(200) openedByPersonId!: string;
  @IsString() @MaxLength(200) requestingOrganisationId!: string;
  @IsString() @MaxLength(12) requestingDivisionCode!: string;
  /**
   * The fewest officers who must have joined before footage plays: the rule pack's at the
   * opening (R18.1; CN2025_MINIMUM_OFFICERS). Absent in sessions opened before issue 21: two.
   */
  @IsOptional() @IsInt() @Min(2) @Max(10) minimumOfficers?: number;
  /** The filer and the co-signer of the request: the only two who may join (R18.1). */
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(2) @ValidateNested({ each: true }) @Type(() => ViewingRequestOfficer) coSigners!: ViewingRequestOfficer[];
  @IsString() @MaxLength(100) caseReference!: string;
  @IsString() @MaxLength(2000) purpose!: string;
  /** The request's cameras of this owner only. */
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) cameraIds!: string[];
  @IsISO8601() windowFrom!: string;
  @IsISO8601() windowTo!: string;
  @IsISO8601() openedAt!: string;
  @IsISO8601() expiresAt!: string;
}

/** One of the two co-signing officers joined, qualified at that moment, credential recorded (R18.1, R18.2). */
export class OfficerJoinedViewing extends DecidedUnderRulePack {
  @IsString() @MaxLength(200) sessionId!: string;
  @ValidateNested() @Type(() => CustodyOfficer) officer!: CustodyOfficer;
  @IsString() @MaxLength(12) divisionCode!: string;
  @IsISO8601() joinedAt!: string;
}

/**
 * The session ended: closed early by the owner, ended by an officer, past its time, or its
 * request withdrawn (R16.6, R18.4).
 */
export class ViewingSessionClosed {
  @IsString() @MaxLength(200) sessionId!: string;
  @IsIn(VIEWING_SESSION_CLOSE_REASONS) reason!: ViewingSessionCloseReason;
  @IsOptional() @IsString() @MaxLength(200) closedByPersonId?: string;
  @IsISO8601() at!: string;
}

/**
 * A step of a VIEW was refused (R18.1–R18.4, R17.5): an operator's opening of a session, an
 * officer's joining, closing or ending, or a playback request by someone who is not one of its
 * viewers (CUSTOS_R18_1_NOT_A_VIEWER). Recorded on `viewingRefusalsAggregateId`; the session
 * itself is unchanged.
 */
export class ViewingRefused extends RefusalFacts {
  @IsIn(VIEWING_STEPS) step!: ViewingStep;
  /** The VIEW request an opening was refused for. */
  @IsOptional() @IsString() @MaxLength(200) requestId?: string;
  @IsOptional() @IsString() @MaxLength(200) sessionId?: string;
}

/**
 * An officer of the organ granted direct access (R17.4) opened a time-boxed session of the
 * granted cameras, within the grant; the opener is its first officer. Access starts once at
 * least two qualified officers are in (R18.1).
 */
export class DirectAccessSessionOpened extends DecidedUnderRulePack {
  @IsString() @MaxLength(200) sessionId!: string;
  @IsString() @MaxLength(200) requestId!: string;
  @IsString() @MaxLength(40) approvalDocumentNumber!: string;
  @IsString() @MaxLength(200) issuingOrganisationId!: string;
  @IsString() @MaxLength(200) requestingOrganisationId!: string;
  @IsString() @MaxLength(12) requestingDivisionCode!: string;
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) ownerOrganisationIds!: string[];
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) cameraIds!: string[];
  @IsString() @MaxLength(100) caseReference!: string;
  @IsString() @MaxLength(2000) purpose!: string;
  /** The grant's period [grantFrom, grantTo): the footage window, and no session outlives it. */
  @IsISO8601() grantFrom!: string;
  @IsISO8601() grantTo!: string;
  @ValidateNested() @Type(() => CustodyOfficer) openedBy!: CustodyOfficer;
  @IsISO8601() openedAt!: string;
  @IsISO8601() expiresAt!: string;
}

/** Another officer of the granted organ joined, qualified at that moment, credential recorded (R18.1, R18.2). */
export class OfficerJoinedDirectAccess {
  @IsString() @MaxLength(200) sessionId!: string;
  @ValidateNested() @Type(() => CustodyOfficer) officer!: CustodyOfficer;
  @IsISO8601() joinedAt!: string;
}

/** The session ended: by its officers, at its expiry, or cut by the revocation of its document (R17.4). */
export class DirectAccessSessionEnded {
  @IsString() @MaxLength(200) sessionId!: string;
  @IsIn(DIRECT_ACCESS_END_REASONS) reason!: DirectAccessEndReason;
  @IsOptional() @IsString() @MaxLength(200) endedByPersonId?: string;
  @IsISO8601() at!: string;
}

/** What a service read from storage, and on whose behalf it read it (R16.6, issue 16). */
export const SERVICE_READ_SOURCES = ['SEGMENT', 'EXPORT_PACKAGE'] as const;
export const SERVICE_READ_ON_BEHALF_OF = ['VIEWING_SESSION', 'DIRECT_ACCESS_SESSION', 'EVIDENCE_ITEM'] as const;
export type ServiceReadOnBehalfOf = (typeof SERVICE_READ_ON_BEHALF_OF)[number];

/**
 * Custody, a service principal, read footage from storage (R16.6, issue 16): a segment played in
 * a session, or a package re-hashed or delivered for an evidence item. Registered before the
 * read (the ranges a player fetches of one segment in one session are one read), so
 * the register names the service and the case it served like any officer's access.
 */
export class FootageReadByService {
  /** The reading service, and its client at the OpenID provider (the principal storage saw). */
  @IsString() @MaxLength(100) service!: string;
  @IsString() @MaxLength(200) clientId!: string;
  @IsIn(SERVICE_READ_SOURCES) source!: (typeof SERVICE_READ_SOURCES)[number];
  /** The segment or export package read. */
  @IsString() @MaxLength(200) objectId!: string;
  @IsIn(SERVICE_READ_ON_BEHALF_OF) onBehalfOfKind!: ServiceReadOnBehalfOf;
  @IsString() @MaxLength(200) onBehalfOfId!: string;
  /** Why: PLAYBACK, DELIVERY, INTEGRITY_CHECK. */
  @IsString() @MaxLength(100) reason!: string;
  @IsISO8601() at!: string;
}

/** The reads a service made on behalf of one session or evidence item: a stream of independent facts. */
export const serviceReadsAggregateId = (kind: ServiceReadOnBehalfOf, id: string): string => `service-reads:${kind}:${id}`;

export const CUSTODY_EVENTS = [
  { type: CUSTODY_EVIDENCE_ITEM_OPENED, schemaVersion: 1, payload: EvidenceItemOpened },
  { type: CUSTODY_HAND_OVER_INITIATED, schemaVersion: 1, payload: HandOverInitiated },
  { type: CUSTODY_HANDED_OVER, schemaVersion: 1, payload: HandedOver },
  { type: CUSTODY_RECEIVED, schemaVersion: 1, payload: Received },
  { type: CUSTODY_VERIFIED, schemaVersion: 1, payload: Verified },
  { type: CUSTODY_INTEGRITY_MISMATCH_DETECTED, schemaVersion: 1, payload: IntegrityMismatchDetected },
  { type: CUSTODY_TRANSFER_REQUESTED, schemaVersion: 1, payload: TransferRequested },
  { type: CUSTODY_TRANSFER_ACKNOWLEDGED, schemaVersion: 1, payload: TransferAcknowledged },
  { type: CUSTODY_TRANSFER_ATTESTED, schemaVersion: 1, payload: TransferAttested },
  { type: CUSTODY_TRANSFER_CANCELLED, schemaVersion: 1, payload: TransferCancelled },
  { type: CUSTODY_VIEWED, schemaVersion: 1, payload: Viewed },
  { type: CUSTODY_HAND_OVER_REFUSED, schemaVersion: 1, payload: HandOverRefused },
  { type: CUSTODY_PACKAGE_DELIVERY_STARTED, schemaVersion: 1, payload: PackageDeliveryStarted },
  { type: CUSTODY_PACKAGE_DELIVERED, schemaVersion: 1, payload: PackageDelivered },
  { type: CUSTODY_PACKAGE_DELIVERY_INTERRUPTED, schemaVersion: 1, payload: PackageDeliveryInterrupted },
  { type: CUSTODY_VIEWING_SESSION_OPENED, schemaVersion: 1, payload: ViewingSessionOpened },
  { type: CUSTODY_OFFICER_JOINED_VIEWING, schemaVersion: 1, payload: OfficerJoinedViewing },
  { type: CUSTODY_VIEWING_SESSION_CLOSED, schemaVersion: 1, payload: ViewingSessionClosed },
  { type: CUSTODY_VIEWING_REFUSED, schemaVersion: 1, payload: ViewingRefused },
  { type: CUSTODY_DIRECT_ACCESS_SESSION_OPENED, schemaVersion: 1, payload: DirectAccessSessionOpened },
  { type: CUSTODY_OFFICER_JOINED_DIRECT_ACCESS, schemaVersion: 1, payload: OfficerJoinedDirectAccess },
  { type: CUSTODY_DIRECT_ACCESS_SESSION_ENDED, schemaVersion: 1, payload: DirectAccessSessionEnded },
  { type: CUSTODY_FOOTAGE_READ_BY_SERVICE, schemaVersion: 1, payload: FootageReadByService },
] as const satisfies readonly EventDefinition[];

/** A direct-access session's stream (R17.4). */
export const directAccessSessionAggregateId = (sessionId: string): string => `direct-access-session:${sessionId}`;

/** One evidence item per export package: its stream. */
export const evidenceItemAggregateId = (evidenceItemId: string): string => `evidence-item:${evidenceItemId}`;

/**
 * An item's refused hand-over steps: a stream of independent facts beside the item's own, so
 * that a refusal never moves the item's version (a refused command changes no state, and a
 * stream of refusals cannot make the officers' real commands conflict).
 */
export const handOverRefusalsAggregateId = (evidenceItemId: string): string => `hand-over-refusals:${evidenceItemId}`;

/**
 * Refused viewing steps: of an opening, by the VIEW request it was for; of any other step, by
 * the session. Streams of independent facts beside the session's own.
 */
export const viewingRefusalsAggregateId = (refused: { requestId: string } | { sessionId: string }): string =>
  'sessionId' in refused ? `viewing-refusals:session:${refused.sessionId}` : `viewing-refusals:request:${refused.requestId}`;

/** One viewing session of a co-signed VIEW request (R18.1–R18.3): its stream. */
export const viewingSessionAggregateId = (sessionId: string): string => `viewing-session:${sessionId}`;
