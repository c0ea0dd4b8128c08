import type { Readable } from 'node:stream';

/** One stored footage segment as storage describes it (never its bytes). */
export interface SegmentRef {
  segmentId: string;
  cameraId: string;
  startsAt: string;
  endsAt: string;
  sizeBytes: number;
  contentType: string;
  sha256: string;
}

/** A byte range, inclusive at both ends, as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Narrows a segment query to the cameras of one owner (camera ids are unique per owner only). */
export interface SegmentQueryScope {
  organisationId?: string;
}

/**
 * Where custody reads footage from: the storage service, with custody's own token (role
 * SERVICE). Custody never holds footage itself; it streams it through to the officers of a
 * viewing session (R18.1–R18.3) or to the receivers of a delivery (R18.5).
 */
export interface FootageSource {
  /** Segments of the cameras overlapping [from, to), by start. */
  segmentsCovering(
    cameraIds: readonly string[],
    window: { from: string; to: string },
    scope?: SegmentQueryScope,
  ): Promise<SegmentRef[]>;
  /** A segment's bytes, whole or one range (then `range` is the range served); rejects an unknown segment. */
  readSegment(
    segmentId: string,
    range?: ByteRange,
  ): Promise<{ body: Readable; totalBytes: number; contentType: string; range?: ByteRange }>;
  /** An export package (tar) as stored, with the SHA-256 storage recorded for it. */
  readPackage(exportId: string): Promise<{ body: Readable; sizeBytes: number; sha256: string }>;
}

export const FOOTAGE_SOURCE = Symbol('FOOTAGE_SOURCE');
