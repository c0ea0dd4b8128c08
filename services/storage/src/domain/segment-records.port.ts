import type { AppendRequest } from '@custos/eventstore';

/** A stored original as the service knows it (the event SegmentIngested, as a row). */
export interface SegmentRecord {
  readonly segmentId: string;
  readonly organisationId: string;
  readonly imageSystemId: string;
  readonly cameraId: string;
  readonly from: Date;
  readonly to: Date;
  readonly container: string;
  readonly codec: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly objectKey: string;
  readonly versionId?: string;
  readonly retainUntil: Date;
  readonly ingestedAt: Date;
}

/** The columns a segment's row and an upload session's row share: what the segment is. */
export type SegmentColumns = Pick<
  SegmentRecord,
  | 'segmentId'
  | 'organisationId'
  | 'cameraId'
  | 'from'
  | 'to'
  | 'container'
  | 'codec'
  | 'sizeBytes'
  | 'sha256'
  | 'objectKey'
>;

/** What a segment is, as its answers and its SegmentIngested event say it (dates as ISO text). */
export function segmentFactsOf(segment: SegmentRecord) {
  return {
    segmentId: segment.segmentId,
    organisationId: segment.organisationId,
    imageSystemId: segment.imageSystemId,
    cameraId: segment.cameraId,
    from: segment.from.toISOString(),
    to: segment.to.toISOString(),
    container: segment.container,
    codec: segment.codec,
    sizeBytes: segment.sizeBytes,
    sha256: segment.sha256,
  };
}

/**
 * The records of stored originals (R16.3), a port the database implements. A record and its
 * event are written together or not at all.
 */
export abstract class SegmentRecords {
  /** Writes the record with its event; `DUPLICATE` when a record of the segment id exists (another ingest won). */
  abstract recordIngested(segment: SegmentRecord, event: AppendRequest): Promise<'RECORDED' | 'DUPLICATE'>;
  abstract find(segmentId: string): Promise<SegmentRecord | undefined>;
  /** Segments of an organisation's cameras overlapping [from, to) (half-open), by start. */
  abstract overlapping(
    organisationId: string,
    cameraIds: readonly string[],
    from: Date,
    to: Date,
  ): Promise<SegmentRecord[]>;
  /**
   * Segments of the cameras overlapping [from, to), by start, for another service (custody's
   * viewing sessions); narrowed to one owner when given, as camera ids are unique per owner only.
   */
  abstract covering(
    cameraIds: readonly string[],
    from: Date,
    to: Date,
    organisationId?: string,
  ): Promise<SegmentRecord[]>;
}
