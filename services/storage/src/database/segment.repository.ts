import type { AppendRequest } from '@custos/eventstore';
import { SegmentColumns, SegmentRecord, SegmentRecords } from '../domain/segment-records.port';
import { RecordedWrites } from './recorded-writes';

export type { SegmentColumns, SegmentRecord } from '../domain/segment-records.port';

const UNIQUE_VIOLATION = '23505';

export function segmentColumnsOf(row: Record<string, unknown>): SegmentColumns {
  return {
    segmentId: row.segment_id as string,
    organisationId: row.organisation_id as string,
    cameraId: row.camera_id as string,
    from: row.from_ts as Date,
    to: row.to_ts as Date,
    container: row.container as string,
    codec: row.codec as string,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256 as string,
    objectKey: row.object_key as string,
  };
}

function toRecord(row: Record<string, unknown>): SegmentRecord {
  return {
    ...segmentColumnsOf(row),
    imageSystemId: row.image_system_id as string,
    ...(row.version_id ? { versionId: row.version_id as string } : {}),
    retainUntil: row.retain_until as Date,
    ingestedAt: row.ingested_at as Date,
  };
}

export class SegmentRepository extends RecordedWrites implements SegmentRecords {
  async recordIngested(segment: SegmentRecord, event: AppendRequest): Promise<'RECORDED' | 'DUPLICATE'> {
    try {
      await this.writeWithEvent(event, (tx) =>
        tx.query(
          `INSERT INTO storage_segments (segment_id, organisation_id, image_system_id, camera_id, from_ts, to_ts, container,
         codec, size_bytes, sha256, object_key, version_id, retain_until, ingested_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
          [
            segment.segmentId,
            segment.organisationId,
            segment.imageSystemId,
            segment.cameraId,
            segment.from,
            segment.to,
            segment.container,
            segment.codec,
            segment.sizeBytes,
            segment.sha256,
            segment.objectKey,
            segment.versionId ?? null,
            segment.retainUntil,
            segment.ingestedAt,
          ],
        ),
      );
      return 'RECORDED';
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return 'DUPLICATE';
      throw error;
    }
  }

  async find(segmentId: string): Promise<SegmentRecord | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM storage_segments WHERE segment_id = $1', [segmentId]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async overlapping(
    organisationId: string,
    cameraIds: readonly string[],
    from: Date,
    to: Date,
  ): Promise<SegmentRecord[]> {
    const { rows } = await this.pool.query(
      `SELECT * FROM storage_segments
        WHERE organisation_id = $1 AND camera_id = ANY($2) AND from_ts < $4 AND to_ts > $3
        ORDER BY from_ts, camera_id, segment_id`,
      [organisationId, cameraIds, from, to],
    );
    return rows.map(toRecord);
  }

  async covering(
    cameraIds: readonly string[],
    from: Date,
    to: Date,
    organisationId?: string,
  ): Promise<SegmentRecord[]> {
    const { rows } = await this.pool.query(
      `SELECT * FROM storage_segments
        WHERE camera_id = ANY($1) AND from_ts < $3 AND to_ts > $2 AND ($4::text IS NULL OR organisation_id = $4)
        ORDER BY from_ts, camera_id, segment_id`,
      [cameraIds, from, to, organisationId ?? null],
    );
    return rows.map(toRecord);
  }
}
