import type { SegmentColumns } from './segment-records.port';

/** A part the store holds of an upload (the footage store's `HeldPart`). */
export interface HeldPart {
  readonly part: number;
  readonly etag: string;
}

/**
 * An open resumable upload of one segment (issue 18): what the segment is, as a segment's row
 * says it (`sha256` is the declared hash of the whole, checked at completion), and where it stands.
 */
export interface UploadSession extends SegmentColumns {
  readonly sessionId: string;
  readonly partSize: number;
  readonly uploadId: string;
  /** Bytes held: always whole parts from the start, so the next part is receivedBytes / partSize + 1. */
  readonly receivedBytes: number;
  readonly parts: readonly HeldPart[];
  /** hash-wasm's saved SHA-256 state over the bytes held; null before the first part. */
  readonly hashState: Buffer | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export type NewUploadSession = Omit<UploadSession, 'receivedBytes' | 'parts' | 'hashState'>;

/**
 * The open sessions, a port the database implements. A step that writes (a part, the
 * completion) first takes the session's lease at the state it read: two requests on one
 * session cannot interleave, and a request that died leaves a lease that lapses by itself.
 */
export abstract class UploadSessionRecords {
  /** Inserts the session; false when the segment already has one (the unique segment id). */
  abstract insert(session: NewUploadSession): Promise<boolean>;
  abstract find(sessionId: string): Promise<UploadSession | undefined>;
  abstract findBySegment(segmentId: string): Promise<UploadSession | undefined>;
  /** Takes the lease if the session still holds `receivedBytes` and nobody holds it; its token or undefined. */
  abstract lease(sessionId: string, receivedBytes: number): Promise<string | undefined>;
  abstract release(sessionId: string, token: string): Promise<void>;
  /** Records a part under the lease; false if the lease was lost meanwhile. */
  abstract addPart(
    sessionId: string,
    token: string,
    part: HeldPart,
    bytes: number,
    hashState: Buffer,
  ): Promise<boolean>;
  abstract delete(sessionId: string): Promise<void>;
  /** Sessions past their expiry, a batch at a time, for the sweep that discards their parts. */
  abstract expired(now: Date, limit?: number): Promise<UploadSession[]>;
}
