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

/**
 * The storage service's facts (issue 6). Originals are write-once (R16.3): a segment is
 * ingested once, and every attempt to overwrite or delete one is a fact of its own, so that
 * the audit ledger sees it. An export packages exactly the segments an approval document
 * covers (R18.5) and its package hash is recorded here.
 */
export const STORAGE_SEGMENT_INGESTED = 'storage.SegmentIngested';
export const STORAGE_ORIGINAL_ALTERATION_REFUSED = 'storage.OriginalAlterationRefused';
export const STORAGE_EXPORT_PACKAGED = 'storage.ExportPackaged';

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

/** Why an approval document was exported again, and which export came before. */
export class ReExport {
  @IsString() @MaxLength(200) previousExportId!: string;
  @IsString() @MaxLength(2000) reason!: string;
}

/** An export package built for an approved copy or retrieval, stored write-once. */
export class ExportPackaged {
  @IsString() @MaxLength(200) exportId!: string;
  @IsString() @MaxLength(40) approvalDocumentNumber!: string;
  @IsString() @MaxLength(200) issuingOrganisationId!: string;
  @IsString() @MaxLength(200) requestId!: string;
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
}

export const STORAGE_EVENTS: readonly EventDefinition[] = [
  { type: STORAGE_SEGMENT_INGESTED, schemaVersion: 1, payload: SegmentIngested },
  { type: STORAGE_ORIGINAL_ALTERATION_REFUSED, schemaVersion: 1, payload: OriginalAlterationRefused },
  { type: STORAGE_EXPORT_PACKAGED, schemaVersion: 1, payload: ExportPackaged },
];

export const segmentAggregateId = (segmentId: string): string => `segment:${segmentId}`;
export const exportAggregateId = (exportId: string): string => `export:${exportId}`;
