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
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { EventDefinition } from '../event-registry';

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
export const CUSTODY_VIEWED = 'custody.Viewed';

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
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) cameraIds!: string[];
  @IsISO8601() windowFrom!: string;
  @IsISO8601() windowTo!: string;
  @Matches(SHA256_HEX) packageSha256!: string;
  @IsInt() @Min(0) packageSizeBytes!: number;
  @IsISO8601() exportedAt!: string;
}

/** The first receiving officer presented the approval document; a second must confirm (R18.1, R18.5). */
export class HandOverInitiated {
  @IsString() @MaxLength(200) handOverId!: string;
  @IsString() @MaxLength(200) receivingOrganisationId!: string;
  @ValidateNested() @Type(() => CustodyOfficer) officer!: CustodyOfficer;
  @IsString() @MaxLength(40) approvalDocumentNumber!: string;
  /** The signed document as presented: verified again, for revocation and expiry, at release. */
  @IsObject() approval!: Record<string, unknown>;
  @IsString() @MaxLength(2000) purpose!: string;
  @IsISO8601() initiatedAt!: string;
  /** The second officer confirms before this instant, or the hand-over lapses. */
  @IsISO8601() confirmBy!: string;
}

/** The package was released to two qualified officers of the receiving organ (R18.1, R18.2, R18.5). */
export class HandedOver {
  @IsString() @MaxLength(200) handOverId!: string;
  @IsString() @MaxLength(200) fromOrganisationId!: string;
  @IsString() @MaxLength(200) receivingOrganisationId!: string;
  @IsString() @MaxLength(12) receivingDivisionCode!: string;
  @IsOptional() @IsString() @MaxLength(12) ownerDivisionCode?: string;
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(2) @ValidateNested({ each: true }) @Type(() => CustodyOfficer) officers!: CustodyOfficer[];
  @IsString() @MaxLength(40) approvalDocumentNumber!: string;
  @IsString() @MaxLength(200) issuingOrganisationId!: string;
  @IsIn(['COPY', 'RETRIEVE']) kind!: 'COPY' | 'RETRIEVE';
  @IsString() @MaxLength(2000) purpose!: string;
  @IsISO8601() handedOverAt!: string;
}

/** A re-hash of the package by its holder: at receipt, or a later verification. */
export class IntegrityChecked {
  @ValidateNested() @Type(() => CustodyOfficer) officer!: CustodyOfficer;
  @Matches(SHA256_HEX) expectedSha256!: string;
  @Matches(SHA256_HEX) presentedSha256!: string;
  @IsBoolean() match!: boolean;
  @IsISO8601() at!: string;
}

export class Received extends IntegrityChecked {}
export class Verified extends IntegrityChecked {}

/** The alarm: bytes held somewhere in the chain are not the packaged bytes. Transfers stop. */
export class IntegrityMismatchDetected {
  @IsIn(['RECEIPT', 'VERIFICATION', 'TRANSFER_ACKNOWLEDGEMENT']) during!: 'RECEIPT' | 'VERIFICATION' | 'TRANSFER_ACKNOWLEDGEMENT';
  @IsString() @MaxLength(200) organisationId!: string;
  @IsString() @MaxLength(200) personId!: string;
  @Matches(SHA256_HEX) expectedSha256!: string;
  @Matches(SHA256_HEX) presentedSha256!: string;
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
}

/** The holder viewed the package's footage (R16.6). */
export class Viewed {
  @IsString() @MaxLength(200) organisationId!: string;
  @IsString() @MaxLength(12) divisionCode!: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => CustodyOfficer) officers!: CustodyOfficer[];
  @IsString() @MaxLength(2000) purpose!: string;
  @IsISO8601() viewedAt!: string;
}

export const CUSTODY_EVENTS: readonly EventDefinition[] = [
  { type: CUSTODY_EVIDENCE_ITEM_OPENED, schemaVersion: 1, payload: EvidenceItemOpened },
  { type: CUSTODY_HAND_OVER_INITIATED, schemaVersion: 1, payload: HandOverInitiated },
  { type: CUSTODY_HANDED_OVER, schemaVersion: 1, payload: HandedOver },
  { type: CUSTODY_RECEIVED, schemaVersion: 1, payload: Received },
  { type: CUSTODY_VERIFIED, schemaVersion: 1, payload: Verified },
  { type: CUSTODY_INTEGRITY_MISMATCH_DETECTED, schemaVersion: 1, payload: IntegrityMismatchDetected },
  { type: CUSTODY_TRANSFER_REQUESTED, schemaVersion: 1, payload: TransferRequested },
  { type: CUSTODY_TRANSFER_ACKNOWLEDGED, schemaVersion: 1, payload: TransferAcknowledged },
  { type: CUSTODY_VIEWED, schemaVersion: 1, payload: Viewed },
];

/** One evidence item per export package: its stream. */
export const evidenceItemAggregateId = (evidenceItemId: string): string => `evidence-item:${evidenceItemId}`;
