import { ddlMigration, refuseChangesDdl } from '@custos/migrations';

/**
 * The storage service's schema as it created it at start-up before versioned migrations (every
 * statement idempotent, so a database created that way adopts this migration unchanged), and
 * what its runtime role may do to each table.
 */
export const storageInitial = ddlMigration({
  name: 'Storage0001Initial1764892800500',
  statements: [
    `
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

${refuseChangesDdl(
  { fn: 'storage_refuse_change', message: 'CUSTOS_R16_3_ORIGINAL_IMMUTABLE: % on % is refused', rowTrigger: 'write_once', truncate: false },
  ['storage_segments', 'storage_not_held', 'storage_exports'],
)}`,
  ],
  grants: [
    // Write-once records (triggers refuse UPDATE and DELETE): inserted and read only.
    ['SELECT, INSERT', 'storage_segments', 'storage_exports', 'storage_not_held'],
  ],
});
