import { Pool } from 'pg';
import { inTransaction } from '@custos/eventstore';

/**
 * The storage service's read tables, written in the same transaction as the events that state
 * them. Rows of originals and exports are as write-once as the bytes (R16.3): the database
 * refuses UPDATE and DELETE on them.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS storage_segments (
  segment_id      text PRIMARY KEY,
  organisation_id text NOT NULL,
  image_system_id text NOT NULL,
  camera_id       text NOT NULL,
  from_ts         timestamptz NOT NULL,
  to_ts           timestamptz NOT NULL,
  container       text NOT NULL,
  codec           text NOT NULL,
  size_bytes      bigint NOT NULL,
  sha256          text NOT NULL,
  object_key      text NOT NULL UNIQUE,
  version_id      text,
  retain_until    timestamptz NOT NULL,
  ingested_at     timestamptz NOT NULL,
  CHECK (from_ts < to_ts)
);
CREATE INDEX IF NOT EXISTS storage_segments_camera_time ON storage_segments (camera_id, from_ts, to_ts);

CREATE TABLE IF NOT EXISTS storage_exports (
  export_id                text PRIMARY KEY,
  organisation_id          text NOT NULL,
  approval_document_number text NOT NULL,
  object_key               text NOT NULL UNIQUE,
  version_id               text,
  package_sha256           text NOT NULL,
  package_size_bytes       bigint NOT NULL,
  manifest_sha256          text NOT NULL,
  segment_ids              text[] NOT NULL,
  exported_at              timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS storage_exports_document ON storage_exports (approval_document_number);

CREATE TABLE IF NOT EXISTS storage_not_held (
  answer_id                  text PRIMARY KEY,
  request_id                 text NOT NULL,
  requesting_organisation_id text NOT NULL,
  organisation_id            text NOT NULL,
  answer                     jsonb NOT NULL,
  answered_at                timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS storage_not_held_request ON storage_not_held (request_id);

CREATE OR REPLACE FUNCTION storage_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'CUSTOS_R16_3_ORIGINAL_IMMUTABLE: % on % is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
DROP TRIGGER IF EXISTS storage_segments_write_once ON storage_segments;
CREATE TRIGGER storage_segments_write_once BEFORE UPDATE OR DELETE ON storage_segments
  FOR EACH ROW EXECUTE FUNCTION storage_refuse_change();
DROP TRIGGER IF EXISTS storage_not_held_write_once ON storage_not_held;
CREATE TRIGGER storage_not_held_write_once BEFORE UPDATE OR DELETE ON storage_not_held
  FOR EACH ROW EXECUTE FUNCTION storage_refuse_change();
DROP TRIGGER IF EXISTS storage_exports_write_once ON storage_exports;
CREATE TRIGGER storage_exports_write_once BEFORE UPDATE OR DELETE ON storage_exports
  FOR EACH ROW EXECUTE FUNCTION storage_refuse_change();
`;

/**
 * Resumable uploads (issue 18): one open session per segment, its parts held by the store out
 * of sight. Not write-once: a session is working state, deleted once completed, aborted or
 * expired; the original it becomes is recorded in storage_segments like any other.
 */
const UPLOAD_SESSIONS = `
CREATE TABLE IF NOT EXISTS storage_upload_sessions (
  session_id      uuid PRIMARY KEY,
  segment_id      text NOT NULL UNIQUE,
  organisation_id text NOT NULL,
  camera_id       text NOT NULL,
  from_ts         timestamptz NOT NULL,
  to_ts           timestamptz NOT NULL,
  container       text NOT NULL,
  codec           text NOT NULL,
  size_bytes      bigint NOT NULL CHECK (size_bytes > 0),
  sha256          text NOT NULL,
  part_size       integer NOT NULL,
  object_key      text NOT NULL,
  upload_id       text NOT NULL,
  received_bytes  bigint NOT NULL DEFAULT 0,
  parts           jsonb NOT NULL DEFAULT '[]',
  hash_state      bytea,
  lease_token     uuid,
  lease_until     timestamptz,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  CHECK (received_bytes <= size_bytes)
);
CREATE INDEX IF NOT EXISTS storage_upload_sessions_expiry ON storage_upload_sessions (expires_at);
`;

export async function ensureStorageSchema(pool: Pool): Promise<void> {
  await inTransaction(pool, async (tx) => {
    // Replicas starting together would race on CREATE TRIGGER.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('custos.storage.schema'))`);
    await tx.query(SCHEMA);
    await tx.query(UPLOAD_SESSIONS);
  });
}
