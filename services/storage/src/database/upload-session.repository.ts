import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { UploadedPart } from '../footage-store/footage-store.port';
import { NewUploadSession, UploadSession, UploadSessionRecords } from '../domain/upload-session-records.port';
import { segmentColumnsOf } from './segment.repository';

export type { NewUploadSession, UploadSession } from '../domain/upload-session-records.port';

function toSession(row: Record<string, unknown>): UploadSession {
  return {
    ...segmentColumnsOf(row),
    sessionId: row.session_id as string,
    partSize: Number(row.part_size),
    uploadId: row.upload_id as string,
    receivedBytes: Number(row.received_bytes),
    parts: row.parts as UploadedPart[],
    hashState: (row.hash_state as Buffer | null) ?? null,
    createdBy: row.created_by as string,
    createdAt: row.created_at as Date,
    expiresAt: row.expires_at as Date,
  };
}

/** How long one request may hold a session's lease before another may take it. */
const LEASE_SECONDS = 120;

/**
 * The sessions' rows. A step that writes (a part, the completion) first takes the session's
 * lease at the state it read: two requests on one session cannot interleave, and a request
 * that died leaves a lease that lapses by itself.
 */
export class UploadSessionRepository extends UploadSessionRecords {
  constructor(private readonly pool: Pool) {
    super();
  }

  async insert(s: NewUploadSession): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO storage_upload_sessions (session_id, segment_id, organisation_id, camera_id, from_ts, to_ts, container,
         codec, size_bytes, sha256, part_size, object_key, upload_id, created_by, created_at, expires_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16) ON CONFLICT (segment_id) DO NOTHING`,
      [
        s.sessionId,
        s.segmentId,
        s.organisationId,
        s.cameraId,
        s.from,
        s.to,
        s.container,
        s.codec,
        s.sizeBytes,
        s.sha256,
        s.partSize,
        s.objectKey,
        s.uploadId,
        s.createdBy,
        s.createdAt,
        s.expiresAt,
      ],
    );
    return rowCount === 1;
  }

  async find(sessionId: string): Promise<UploadSession | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM storage_upload_sessions WHERE session_id = $1', [sessionId]);
    return rows[0] ? toSession(rows[0]) : undefined;
  }

  async findBySegment(segmentId: string): Promise<UploadSession | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM storage_upload_sessions WHERE segment_id = $1', [segmentId]);
    return rows[0] ? toSession(rows[0]) : undefined;
  }

  async lease(sessionId: string, receivedBytes: number): Promise<string | undefined> {
    const token = randomUUID();
    const { rowCount } = await this.pool.query(
      `UPDATE storage_upload_sessions SET lease_token = $3, lease_until = now() + make_interval(secs => $4)
        WHERE session_id = $1 AND received_bytes = $2 AND (lease_until IS NULL OR lease_until < now())`,
      [sessionId, receivedBytes, token, LEASE_SECONDS],
    );
    return rowCount === 1 ? token : undefined;
  }

  async release(sessionId: string, token: string): Promise<void> {
    await this.pool.query(
      'UPDATE storage_upload_sessions SET lease_token = NULL, lease_until = NULL WHERE session_id = $1 AND lease_token = $2',
      [sessionId, token],
    );
  }

  async addPart(
    sessionId: string,
    token: string,
    part: UploadedPart,
    bytes: number,
    hashState: Buffer,
  ): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE storage_upload_sessions
          SET received_bytes = received_bytes + $3, parts = parts || $4::jsonb, hash_state = $5,
              lease_token = NULL, lease_until = NULL
        WHERE session_id = $1 AND lease_token = $2`,
      [sessionId, token, bytes, JSON.stringify([part]), hashState],
    );
    return rowCount === 1;
  }

  async delete(sessionId: string): Promise<void> {
    await this.pool.query('DELETE FROM storage_upload_sessions WHERE session_id = $1', [sessionId]);
  }

  async expired(now: Date, limit = 50): Promise<UploadSession[]> {
    const { rows } = await this.pool.query(
      'SELECT * FROM storage_upload_sessions WHERE expires_at <= $1 ORDER BY expires_at LIMIT $2',
      [now, limit],
    );
    return rows.map(toSession);
  }
}
