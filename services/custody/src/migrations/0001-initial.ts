import { ddlMigration } from '@custos/migrations';

/**
 * The custody service's schema as it created it at start-up before versioned migrations (every
 * statement idempotent, so a database created that way adopts this migration unchanged), and
 * what its runtime role may do to each table.
 */
export const custodyInitial = ddlMigration({
  name: 'Custody0001Initial1764892800400',
  statements: [
    `
CREATE TABLE IF NOT EXISTS custody_evidence_items (
  evidence_item_id text PRIMARY KEY,
  export_id text NOT NULL,
  approval_document_number text NOT NULL,
  request_id text NOT NULL,
  kind text NOT NULL,
  owner_organisation_id text NOT NULL,
  owner_division_code text,
  holder_organisation_id text NOT NULL,
  status text NOT NULL,
  package_sha256 text NOT NULL,
  camera_ids text[] NOT NULL,
  window_from timestamptz NOT NULL,
  window_to timestamptz NOT NULL,
  custodians text[] NOT NULL,
  alarm boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS custody_access_register (
  entry_id uuid PRIMARY KEY,
  sequence bigint NOT NULL,
  evidence_item_id text NOT NULL,
  access_kind text NOT NULL,
  requesting_organisation_id text NOT NULL,
  requesting_division_code text NOT NULL,
  owner_organisation_id text NOT NULL,
  owner_division_code text,
  persons jsonb NOT NULL,
  at timestamptz NOT NULL,
  purpose text NOT NULL,
  approval_document_number text,
  camera_ids text[] NOT NULL
);
CREATE INDEX IF NOT EXISTS custody_access_register_owner ON custody_access_register (owner_organisation_id, sequence);
CREATE INDEX IF NOT EXISTS custody_access_register_requester ON custody_access_register (requesting_organisation_id, sequence);
-- The transfer awaiting acknowledgement, shown to its target's officers (issue 12).
ALTER TABLE custody_evidence_items ADD COLUMN IF NOT EXISTS pending_transfer jsonb;
`,
    `
CREATE TABLE IF NOT EXISTS custody_viewing_sessions (
  session_id text PRIMARY KEY,
  request_id text NOT NULL,
  owner_organisation_id text NOT NULL,
  owner_division_code text,
  requesting_organisation_id text NOT NULL,
  requesting_division_code text NOT NULL,
  co_signers jsonb NOT NULL,
  joined jsonb NOT NULL DEFAULT '[]',
  case_reference text NOT NULL,
  purpose text NOT NULL,
  camera_ids text[] NOT NULL,
  window_from timestamptz NOT NULL,
  window_to timestamptz NOT NULL,
  opened_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  viewing_started_at timestamptz,
  status text NOT NULL,
  close_reason text,
  closed_at timestamptz
);
CREATE INDEX IF NOT EXISTS custody_viewing_sessions_open ON custody_viewing_sessions (expires_at) WHERE status = 'OPEN';
CREATE INDEX IF NOT EXISTS custody_viewing_sessions_request ON custody_viewing_sessions (request_id);
ALTER TABLE custody_access_register ADD COLUMN IF NOT EXISTS viewing_session_id text;
ALTER TABLE custody_access_register ADD COLUMN IF NOT EXISTS ended_at timestamptz;
ALTER TABLE custody_access_register ADD COLUMN IF NOT EXISTS end_reason text;
CREATE INDEX IF NOT EXISTS custody_access_register_session ON custody_access_register (viewing_session_id) WHERE viewing_session_id IS NOT NULL;
`,
    `
ALTER TABLE custody_access_register ADD COLUMN IF NOT EXISTS ended_at timestamptz;
ALTER TABLE custody_access_register ADD COLUMN IF NOT EXISTS end_reason text;
ALTER TABLE custody_access_register ADD COLUMN IF NOT EXISTS bytes bigint;
ALTER TABLE custody_access_register ADD COLUMN IF NOT EXISTS sha256 text;
CREATE INDEX IF NOT EXISTS custody_access_register_keyset ON custody_access_register (sequence, entry_id);
`,
    `
CREATE TABLE IF NOT EXISTS custody_direct_access_sessions (
  session_id text PRIMARY KEY,
  request_id text NOT NULL,
  approval_document_number text NOT NULL,
  requesting_organisation_id text NOT NULL,
  requesting_division_code text NOT NULL,
  owner_organisation_ids text[] NOT NULL,
  officers jsonb NOT NULL,
  case_reference text NOT NULL,
  purpose text NOT NULL,
  camera_ids text[] NOT NULL,
  grant_from timestamptz NOT NULL,
  grant_to timestamptz NOT NULL,
  opened_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  access_started_at timestamptz,
  status text NOT NULL,
  end_reason text,
  ended_at timestamptz
);
CREATE INDEX IF NOT EXISTS custody_direct_access_sessions_open ON custody_direct_access_sessions (expires_at) WHERE status = 'OPEN';
CREATE INDEX IF NOT EXISTS custody_direct_access_sessions_request ON custody_direct_access_sessions (request_id);
`,
    `
CREATE TABLE IF NOT EXISTS custody_view_requests (
  request_id text PRIMARY KEY,
  status text NOT NULL,
  requesting_organisation_id text NOT NULL,
  requesting_division_code text NOT NULL,
  case_reference text NOT NULL,
  purpose text NOT NULL,
  image_system_ids text[] NOT NULL,
  camera_ids text[] NOT NULL,
  owner_organisation_ids text[] NOT NULL,
  window_from timestamptz NOT NULL,
  window_to timestamptz NOT NULL,
  filer_person_id text NOT NULL,
  filer_credential_number text NOT NULL,
  co_signer_person_id text,
  co_signer_credential_number text,
  updated_at timestamptz NOT NULL
);
`,
    `
CREATE TABLE IF NOT EXISTS custody_direct_access_grants (
  request_id text PRIMARY KEY,
  status text NOT NULL,
  requesting_organisation_id text NOT NULL,
  requesting_division_code text NOT NULL,
  owner_organisation_ids text[] NOT NULL,
  camera_ids text[] NOT NULL,
  case_reference text NOT NULL,
  purpose text NOT NULL,
  approval_document_number text,
  issuing_organisation_id text,
  grant_from timestamptz,
  grant_to timestamptz,
  valid_until timestamptz,
  updated_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS custody_direct_access_grants_document ON custody_direct_access_grants (approval_document_number);
`,
    `
CREATE TABLE IF NOT EXISTS custody_delivery_leases (
  link_id text PRIMARY KEY,
  delivery_id text NOT NULL UNIQUE,
  evidence_item_id text NOT NULL,
  started_at timestamptz NOT NULL,
  heartbeat_at timestamptz NOT NULL,
  bytes bigint NOT NULL DEFAULT 0,
  ended_at timestamptz
);
CREATE INDEX IF NOT EXISTS custody_delivery_leases_open ON custody_delivery_leases (heartbeat_at) WHERE ended_at IS NULL;
`,
    `
CREATE TABLE IF NOT EXISTS custody_request_requesters (
  request_id text PRIMARY KEY,
  requesting_organisation_id text NOT NULL
);
`,
  ],
  grants: [
    // The read models (their rebuild empties them).
    ['SELECT, INSERT, UPDATE, TRUNCATE', 'custody_evidence_items', 'custody_access_register', 'custody_viewing_sessions', 'custody_direct_access_sessions'],
    // Consumed facts that change (view requests and grants are withdrawn or revoked), delivery leases.
    ['SELECT, INSERT, UPDATE', 'custody_view_requests', 'custody_direct_access_grants', 'custody_delivery_leases'],
    ['SELECT, INSERT', 'custody_request_requesters'],
  ],
});
