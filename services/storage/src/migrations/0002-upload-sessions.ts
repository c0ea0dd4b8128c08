import { ddlMigration } from '@custos/migrations';

/**
 * Resumable uploads (issue 18): one open session per segment, its parts held by the store out
 * of sight. Not write-once: a session is working state, deleted once completed, aborted or
 * expired; the original it becomes is recorded in storage_segments like any other.
 */
export const storageUploadSessions = ddlMigration({
  name: 'Storage0002UploadSessions1764979200000',
  statements: [
    `
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
`,
  ],
  grants: [
    // Opened, advanced part by part, leased, then deleted when done: the session is working state.
    ['SELECT, INSERT, UPDATE, DELETE', 'storage_upload_sessions'],
  ],
});
