import { ddlMigration } from '@custos/migrations';

/**
 * The requests service's schema as it created it at start-up before versioned migrations (every
 * statement idempotent, so a database created that way adopts this migration unchanged), and
 * what its runtime role may do to each table.
 */
export const requestsInitial = ddlMigration({
  name: 'Requests0001Initial1764892800200',
  statements: [
    `
CREATE TABLE IF NOT EXISTS rq_requests (
  id text PRIMARY KEY,
  version integer NOT NULL,
  kind text NOT NULL,
  status text NOT NULL,
  organisation_id text NOT NULL,
  filer_person_id text NOT NULL,
  co_signer_person_id text,
  credential_numbers text[] NOT NULL,
  case_reference text NOT NULL,
  purpose text NOT NULL,
  camera_ids text[] NOT NULL,
  image_system_ids text[] NOT NULL,
  owner_organisation_ids text[] NOT NULL,
  window_from timestamptz NOT NULL,
  window_to timestamptz NOT NULL,
  filed_at timestamptz NOT NULL,
  co_sign_deadline timestamptz NOT NULL,
  co_signed_at timestamptz
);
CREATE INDEX IF NOT EXISTS rq_requests_filer ON rq_requests (filer_person_id, filed_at);
CREATE INDEX IF NOT EXISTS rq_requests_co_signer ON rq_requests (co_signer_person_id, filed_at);
CREATE INDEX IF NOT EXISTS rq_requests_stale ON rq_requests (co_sign_deadline) WHERE status = 'AWAITING_CO_SIGNATURE';
CREATE INDEX IF NOT EXISTS rq_requests_owners ON rq_requests USING gin (owner_organisation_ids);
CREATE TABLE IF NOT EXISTS rq_history (
  event_id uuid PRIMARY KEY,
  request_id text NOT NULL,
  at timestamptz NOT NULL,
  status text NOT NULL,
  code text,
  rule text,
  reason text,
  actor_person_id text
);
CREATE INDEX IF NOT EXISTS rq_history_request ON rq_history (request_id, at);
-- The rule pack a step was decided under (issue 21); rows projected before hold none.
ALTER TABLE rq_history ADD COLUMN IF NOT EXISTS rule_pack jsonb;
`,
    `
CREATE TABLE IF NOT EXISTS rq_decisions (
  request_id text PRIMARY KEY,
  decision text NOT NULL,
  decided_at timestamptz NOT NULL,
  reason text,
  approver_person_id text NOT NULL,
  approver_organisation_id text NOT NULL,
  document_number text,
  signed_document jsonb,
  revoked_at timestamptz,
  revocation_reason text
);
ALTER TABLE rq_decisions ADD COLUMN IF NOT EXISTS rule_pack jsonb;
CREATE TABLE IF NOT EXISTS rq_routings (
  request_id text PRIMARY KEY,
  opened_at timestamptz NOT NULL,
  route jsonb NOT NULL
);
`,
    `
CREATE TABLE IF NOT EXISTS rq_exports (
  export_id text PRIMARY KEY,
  request_id text NOT NULL,
  owner_organisation_id text NOT NULL,
  approval_document_number text NOT NULL,
  exported_at timestamptz NOT NULL,
  exported_by jsonb NOT NULL,
  re_export jsonb
);
CREATE INDEX IF NOT EXISTS rq_exports_request ON rq_exports (request_id, exported_at);
CREATE TABLE IF NOT EXISTS rq_not_held (
  answer_id text PRIMARY KEY,
  request_id text NOT NULL,
  organisation_id text NOT NULL,
  person_id text,
  answered_at timestamptz NOT NULL,
  cameras jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS rq_not_held_request ON rq_not_held (request_id);
`,
  ],
  grants: [
    // The read model (its rebuild empties it).
    ['SELECT, INSERT, UPDATE, TRUNCATE', 'rq_requests', 'rq_history'],
    ['SELECT, INSERT, UPDATE', 'rq_decisions'],
    // Facts consumed from approvals and storage, inserted once.
    ['SELECT, INSERT', 'rq_routings', 'rq_exports', 'rq_not_held'],
  ],
});
