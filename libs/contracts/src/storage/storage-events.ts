import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { EventDefinition } from '../event-registry';
import { DecidedUnderRulePack } from '../rule-pack-record';

/**
 * The storage service's facts (issue 6). Originals are write-once (R16.3): a segment is
 * ingested once, and every attempt to overwrite or delete one is a fact of its own, so that
 * the audit ledger sees it. An export packages exactly the segments an approval document
 * covers (R18.5) and its package hash is recorded here.
 */
export const STORAGE_SEGMENT_INGESTED = 'storage.SegmentIngested';
export const STORAGE_ORIGINAL_ALTERATION_REFUSED = 'storage.OriginalAlterationRefused';
export const STORAGE_EXPORT_PACKAGED = 'storage.ExportPackaged';
export const STORAGE_FOOTAGE_NOT_HELD = 'storage.FootageNotHeld';
export const STORAGE_EXPORT_REFUSED = 'storage.ExportRefused';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** An original footage segment of one camera, [from, to), now held write-once. */
export class SegmentIngested {
  @IsString() @MaxLength(200) segmentId!: string;
  @IsString() @MaxLength(200) organisationId!: string;
  @IsString() @MaxLength(200) imageSystemId!: string;
  @IsString() @MaxLength(200) cameraId!: string;
  @IsISO8601() from!: string;
  @IsISO8601() to!: string;
  @IsString() @MaxLength(40) container!: string;
  @IsString() @MaxLength(40) codec!: string;
  @IsInt() @Min(0) sizeBytes!: number;
  @Matches(SHA256_HEX) sha256!: string;
  @IsString() @MaxLength(1024) objectKey!: string;
  /** The object version holding the bytes (S3); absent on the local store. */
  @IsOptional() @IsString() @MaxLength(1024) versionId?: string;
  /** COMPLIANCE retention of the original (R16.7). */
  @IsISO8601() retainUntil!: string;
  /** Its image system's retention (R16.7) the lock was set for; absent in events before it was per system. */
  @IsOptional() @IsInt() @Min(30) retentionDays?: number;
}

/** Someone tried to overwrite or delete an original: refused (R16.3) and recorded. */
export class OriginalAlterationRefused {
  @IsString() @MaxLength(200) segmentId!: string;
  @IsIn(['OVERWRITE', 'DELETE']) operation!: 'OVERWRITE' | 'DELETE';
  @IsString() @MaxLength(100) code!: string;
  @IsString() @MaxLength(20) rule!: string;
  /** Whether an original with that id exists (a delete of nothing is still an attempt). */
  @IsBoolean() exists!: boolean;
}

/**
 * The masking done by hand before a release for public dissemination (CN2025-PUBLISH): who
 * masked, when, which features, and the SHA-256 of the masked file to be published.
 */
export class MaskingRecordPayload {
  @IsString() @MaxLength(200) maskedBy!: string;
  @IsISO8601() maskedAt!: string;
  @Matches(SHA256_HEX) maskedSha256!: string;
  @IsArray() @IsIn(['FACE', 'PERSONAL_FEATURES', 'LICENCE_PLATE', 'OTHER_PRIVATE_INFORMATION'], { each: true }) features!: string[];
}

/** Why an approval document was exported again, and which export came before. */
export class ReExport {
  @IsString() @MaxLength(200) previousExportId!: string;
  @IsString() @MaxLength(2000) reason!: string;
}

/** An export package built for an approved copy or retrieval, stored write-once. */
export class ExportPackaged extends DecidedUnderRulePack {
  @IsString() @MaxLength(200) exportId!: string;
  @IsString() @MaxLength(40) approvalDocumentNumber!: string;
  @IsString() @MaxLength(200) issuingOrganisationId!: string;
  @IsString() @MaxLength(200) requestId!: string;
  /** The one organ the approval document authorises (R18.5); absent on exports packaged before documents named it. */
  @IsOptional() @IsString() @MaxLength(200) requestingOrganisationId?: string;
  /** The signed id of the approval document; absent likewise. */
  @IsOptional() @IsString() @MaxLength(200) approvalDocumentId?: string;
  @IsIn(['COPY', 'RETRIEVE']) kind!: 'COPY' | 'RETRIEVE';
  @IsString() @MaxLength(200) organisationId!: string;
  @IsArray() @ArrayNotEmpty() @IsString({ each: true }) cameraIds!: string[];
  /** The exported window, [windowFrom, windowTo). */
  @IsISO8601() windowFrom!: string;
  @IsISO8601() windowTo!: string;
  @IsArray() @IsString({ each: true }) segmentIds!: string[];
  @IsString() @MaxLength(1024) objectKey!: string;
  @IsOptional() @IsString() @MaxLength(1024) versionId?: string;
  @Matches(SHA256_HEX) packageSha256!: string;
  @IsInt() @Min(0) packageSizeBytes!: number;
  @Matches(SHA256_HEX) manifestSha256!: string;
  /** Key id (hex SHA-256 of the SPKI) of the storage service key that signed the manifest. */
  @Matches(SHA256_HEX) signerKeyId!: string;
  @IsISO8601() exportedAt!: string;
  /** A second export of the same document, asked for explicitly: the package it follows and why (R18.5). */
  @IsOptional() @ValidateNested() @Type(() => ReExport) reExport?: ReExport;
  /**
   * PUBLICATION: a release for public dissemination (CN2025-PUBLISH), whose package holds no
   * footage bytes, only the sources' hashes and the masking record; absent: an evidence export.
   */
  @IsOptional() @IsIn(['EVIDENCE', 'PUBLICATION']) purpose?: 'EVIDENCE' | 'PUBLICATION';
  @IsOptional() @ValidateNested() @Type(() => MaskingRecordPayload) masking?: MaskingRecordPayload;
}

/** One camera of a "not held" answer, with its system's retention and why nothing is held. */
export class NotHeldCamera {
  @IsString() @MaxLength(200) cameraId!: string;
  @IsString() @MaxLength(200) imageSystemId!: string;
  @IsInt() @Min(30) retentionDays!: number;
  /** BEYOND_RETENTION: the window lies wholly before what the system keeps; NOT_RECORDED: otherwise. */
  @IsIn(['BEYOND_RETENTION', 'NOT_RECORDED']) reason!: string;
}

/**
 * The owner answers an approved copy or retrieval (R18.5) that the footage it asks for is not
 * held (R16.7: retention is a floor, so a request for older footage is accepted and answered,
 * not refused). Storage checked that no segment of these cameras overlaps the window.
 */
export class FootageNotHeld extends DecidedUnderRulePack {
  @IsString() @MaxLength(200) answerId!: string;
  @IsString() @MaxLength(200) requestId!: string;
  @IsString() @MaxLength(40) approvalDocumentNumber!: string;
  @IsString() @MaxLength(200) issuingOrganisationId!: string;
  /** The requesting organ, whose officers see the answer. */
  @IsString() @MaxLength(200) requestingOrganisationId!: string;
  /** The owner answering. */
  @IsString() @MaxLength(200) organisationId!: string;
  @IsArray() @ArrayNotEmpty() @ValidateNested({ each: true }) @Type(() => NotHeldCamera) cameras!: NotHeldCamera[];
  @IsISO8601() windowFrom!: string;
  @IsISO8601() windowTo!: string;
  @IsISO8601() answeredAt!: string;
}

/**
 * An export was refused (R18.5, R3.1): a forged, expired, revoked or withdrawn request's
 * document, or a scope it does not cover. Nothing was packaged; the attempt is on record.
 */
export class ExportRefused extends DecidedUnderRulePack {
  @IsString() @MaxLength(200) organisationId!: string;
  /** As presented: the document may be malformed, so each is what the caller sent, cut to size. */
  @IsOptional() @IsString() @MaxLength(40) approvalDocumentNumber?: string;
  @IsOptional() @IsString() @MaxLength(200) approvalDocumentId?: string;
  @IsOptional() @IsString() @MaxLength(200) issuingOrganisationId?: string;
  @IsOptional() @IsString() @MaxLength(200) requestId?: string;
  @IsString() @MaxLength(100) code!: string;
  @IsString() @MaxLength(20) rule!: string;
  @IsString() @MaxLength(2000) reason!: string;
  @IsISO8601() at!: string;
}

export const STORAGE_EVENTS = [
  { type: STORAGE_SEGMENT_INGESTED, schemaVersion: 1, payload: SegmentIngested },
  { type: STORAGE_ORIGINAL_ALTERATION_REFUSED, schemaVersion: 1, payload: OriginalAlterationRefused },
  { type: STORAGE_EXPORT_PACKAGED, schemaVersion: 1, payload: ExportPackaged },
  { type: STORAGE_FOOTAGE_NOT_HELD, schemaVersion: 1, payload: FootageNotHeld },
  { type: STORAGE_EXPORT_REFUSED, schemaVersion: 1, payload: ExportRefused },
] as const satisfies readonly EventDefinition[];

export const segmentAggregateId = (segmentId: string): string => `segment:${segmentId}`;
export const exportAggregateId = (exportId: string): string => `export:${exportId}`;
export const notHeldAggregateId = (answerId: string): string => `footage-not-held:${answerId}`;
/** An organisation's refused exports: independent facts, on a stream of their own. */
export const exportRefusalsAggregateId = (organisationId: string): string => `export-refusals:${organisationId}`;
