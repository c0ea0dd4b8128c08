import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type * as Minio from 'minio';
import type { ByteRange, FootageSource, SegmentQueryScope, SegmentRef } from '../domain/footage-source.port';

interface StoredSegment extends SegmentRef {
  readonly organisationId: string;
  readonly key: string;
}

/**
 * Footage for custody's tests on the harness's real S3 (Ceph RGW): segments are written to a
 * bucket with the minio client, and read back, whole or by range, with getPartialObject. It
 * stands where storage's API stands in production (custody may not import storage's code);
 * storage's own routes are covered by its own suite and by the embedded wiring suite.
 */
export class S3TestFootage implements FootageSource {
  private readonly segments: StoredSegment[] = [];
  /** Every segment read asked of the source, for asserting that refused playback reads nothing. */
  readonly reads: { segmentId: string; range?: ByteRange }[] = [];

  constructor(
    private readonly client: Minio.Client,
    private readonly bucket: string,
  ) {}

  async add(
    organisationId: string,
    segment: { segmentId: string; cameraId: string; startsAt: string; endsAt: string },
    bytes: Buffer,
  ): Promise<SegmentRef> {
    const key = `originals/${organisationId}/${segment.cameraId}/${segment.segmentId}`;
    await this.client.putObject(this.bucket, key, bytes, bytes.length, { 'Content-Type': 'video/mp4' });
    const stored: StoredSegment = {
      ...segment,
      organisationId,
      key,
      sizeBytes: bytes.length,
      contentType: 'video/mp4',
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    this.segments.push(stored);
    return stored;
  }

  async segmentsCovering(
    cameraIds: readonly string[],
    window: { from: string; to: string },
    scope?: SegmentQueryScope,
  ): Promise<SegmentRef[]> {
    const from = Date.parse(window.from);
    const to = Date.parse(window.to);
    return this.segments
      .filter(
        (s) =>
          cameraIds.includes(s.cameraId) &&
          (scope?.organisationId === undefined || s.organisationId === scope.organisationId),
      )
      .filter((s) => Date.parse(s.startsAt) < to && Date.parse(s.endsAt) > from)
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
      .map(({ organisationId: _o, key: _k, ...ref }) => ref);
  }

  async readSegment(
    segmentId: string,
    range?: ByteRange,
  ): Promise<{ body: Readable; totalBytes: number; contentType: string; range?: ByteRange }> {
    this.reads.push({ segmentId, ...(range ? { range } : {}) });
    const segment = this.segments.find((s) => s.segmentId === segmentId);
    if (!segment) throw new Error(`no segment ${segmentId}`);
    const body = range
      ? await this.client.getPartialObject(this.bucket, segment.key, range.start, range.end - range.start + 1)
      : await this.client.getObject(this.bucket, segment.key);
    return { body, totalBytes: segment.sizeBytes, contentType: segment.contentType, ...(range ? { range } : {}) };
  }

  /**
   * Stores an export package as storage would hand it out. The test bucket has no Object Lock,
   * so a second call with other bytes stands for a package changed at rest behind custody's back.
   */
  async putPackage(exportId: string, bytes: Buffer): Promise<void> {
    await this.client.putObject(this.bucket, `exports/${exportId}.tar`, bytes, bytes.length, { 'Content-Type': 'application/x-tar' });
  }

  /** Storage's claim of the hash is a fixed wrong value: custody must never rely on it. */
  async readPackage(exportId: string): Promise<{ body: Readable; sizeBytes: number; sha256: string }> {
    const key = `exports/${exportId}.tar`;
    const stat = await this.client.statObject(this.bucket, key);
    return { body: await this.client.getObject(this.bucket, key), sizeBytes: stat.size, sha256: '0'.repeat(64) };
  }
}
