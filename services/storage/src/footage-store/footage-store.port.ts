import type { Readable } from 'node:stream';

/** Where an original (or an export package) lives once written: key, version, bytes, hash. */
export interface StoredObject {
  readonly key: string;
  /** The S3 object version holding these bytes; reads name it, so a later version changes nothing. */
  readonly versionId?: string;
  readonly sizeBytes: number;
  /** Hex SHA-256 of the bytes as they were written, computed while streaming. */
  readonly sha256: string;
  /** End of the COMPLIANCE retention (R16.7). */
  readonly retainUntil: Date;
}

export interface StoredObjectHead {
  readonly key: string;
  readonly versionId?: string;
  readonly sizeBytes: number;
}

export interface ObjectRef {
  readonly key: string;
  readonly versionId?: string;
}

/** A byte range, both ends inclusive (HTTP `Range: bytes=start-end`). */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/** Refuses a range no object could serve; a caller checks it against the object's size. */
export function assertValidRange(range: ByteRange): void {
  if (!Number.isSafeInteger(range.start) || !Number.isSafeInteger(range.end) || range.start < 0 || range.end < range.start) {
    throw new RangeError(`invalid byte range ${range.start}-${range.end}`);
  }
}

export interface RetentionInfo {
  readonly mode: 'COMPLIANCE';
  readonly retainUntil: Date;
}

export interface PutOptions {
  /** The byte count when the caller knows it (Content-Length); checked against what arrived. */
  readonly expectedSize?: number;
  readonly contentType?: string;
  /** The image system's retention in days (R16.7); the store's own minimum when absent or shorter. */
  readonly retentionDays?: number;
}

/**
 * Write-once storage of footage (R16.3) with a COMPLIANCE retention of at least 30 days
 * (R16.7). The port has no overwrite, no delete and no shortening of retention: there is no
 * operation for the application to call, and each implementation refuses them on its own
 * (Object Lock; a read-only file with a retention record). `put` streams: memory stays
 * constant whatever the size.
 */
export interface FootageStore {
  /** Creates or checks the bucket / folder; refuses to start on a store that is not write-once. */
  ensureReady(): Promise<void>;
  /** Writes a new object; refuses an existing key with CUSTOS_R16_3_ORIGINAL_IMMUTABLE. */
  put(key: string, body: Readable, options?: PutOptions): Promise<StoredObject>;
  exists(key: string): Promise<boolean>;
  /**
   * The object at `key` as it stands (its version and size), or undefined: how an ingest that
   * crashed after storing the bytes but before recording them is found again on its retry.
   */
  head(key: string): Promise<StoredObjectHead | undefined>;
  /** Every key under `prefix`, for the reconciliation of the store against the records. */
  listKeys(prefix: string): AsyncIterable<string>;
  /** The bytes of an object as written. */
  read(ref: ObjectRef): Promise<Readable>;
  /**
   * Bytes `start`..`end` (both inclusive, as HTTP Range) of an object, for playback in a
   * browser (R18.1–R18.3). The caller keeps the range within the object's recorded size.
   */
  readRange(ref: ObjectRef, range: ByteRange): Promise<Readable>;
  /**
   * A URL that reads the object's bytes as written, without credentials, for `ttlSeconds` (an
   * S3 presigned GET of that version): custody then streams a package to its officer straight
   * from the object store instead of through this service, one hop fewer (issue 22). A store
   * without one (local disk) is read through `read`.
   */
  readUrl?(ref: ObjectRef, ttlSeconds: number): Promise<string>;
  retention(ref: ObjectRef): Promise<RetentionInfo>;
  readonly retentionDays: number;
  /**
   * A resumable upload to `key` (issue 18): parts the store holds out of sight, neither an
   * object nor locked, until `completeUpload` commits them as one original, exactly as `put`
   * would (refused on an existing key, locked for the system's retention, R16.3, R16.7), or
   * `abortUpload` discards them. Parts are numbered from 1; a part sent again replaces it.
   */
  startUpload(key: string, contentType: string): Promise<string>;
  /** Stores part `number` of the upload; answers its tag for completion. */
  uploadPart(key: string, uploadId: string, number: number, bytes: Buffer): Promise<string>;
  /** Commits the parts as the original at `key`; `sha256` is their hash, as the caller verified it. */
  completeUpload(key: string, uploadId: string, parts: readonly UploadedPart[], options: CompleteOptions): Promise<StoredObject>;
  abortUpload(key: string, uploadId: string): Promise<void>;
}

export interface UploadedPart {
  readonly part: number;
  readonly etag: string;
}

export interface CompleteOptions extends PutOptions {
  readonly expectedSize: number;
  readonly sha256: string;
}

/** Thrown by a store when a write would replace an existing object (R16.3). */
export class OriginalExistsError extends Error {
  readonly code = 'CUSTOS_R16_3_ORIGINAL_IMMUTABLE';
  constructor(readonly key: string) {
    super(`an object already exists at ${key}; originals are never overwritten (R16.3)`);
    this.name = 'OriginalExistsError';
  }
}

/** Thrown when fewer or more bytes arrived than announced (a cut-off upload). */
export class IncompleteUploadError extends Error {
  constructor(
    readonly expected: number,
    readonly received: number,
  ) {
    super(`expected ${expected} bytes, received ${received}`);
    this.name = 'IncompleteUploadError';
  }
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Keys are `/`-separated names of safe characters; no `.` or `..` part can escape a folder. */
export function assertValidKey(key: string): void {
  const parts = key.split('/');
  const valid = key.length <= 900 && parts.every((p) => /^[A-Za-z0-9._%~-]+$/.test(p) && p !== '.' && p !== '..');
  if (!valid) throw new TypeError(`invalid object key ${JSON.stringify(key)}`);
}
