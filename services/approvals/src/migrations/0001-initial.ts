import { ddlMigration } from '@custos/migrations';

/**
 * The approvals service's schema as it created it at start-up before versioned migrations (every
 * statement idempotent, so a database created that way adopts this migration unchanged), and
 * what its runtime role may do to each table.
 */
export const approvalsInitial = ddlMigration({
  name: 'Approvals0001Initial1764892800300',
  statements: [
    `
CREATE TABLE IF NOT EXISTS ap_cases (
  request_id text PRIMARY KEY,
  version integer NOT NULL,
  kind text NOT NULL,
  status text NOT NULL,
  requester_organisation_id text NOT NULL,
  requester_organisation_type text NOT NULL,
  requester_division_code text NOT NULL,
  route_rule text NOT NULL,
  approver_org_types text[] NOT NULL,
  min_level_rank integer,
  must_be_org_id text,
  jurisdiction_must_contain text,
  signer_person_ids text[] NOT NULL,
  camera_ids text[] NOT NULL,
  image_system_ids text[] NOT NULL,
  owner_organisation_ids text[] NOT NULL,
  window_from timestamptz NOT NULL,
  window_to timestamptz NOT NULL,
  case_reference text NOT NULL,
  purpose text NOT NULL,
  opened_at timestamptz NOT NULL,
  decided_at timestamptz,
  decision_reason text,
  approver_person_id text,
  approver_organisation_id text,
  document_number text,
  signed_document jsonb,
  revoked_at timestamptz,
  revocation_reason text
);
CREATE INDEX IF NOT EXISTS ap_cases_open_queue ON ap_cases (opened_at, request_id) WHERE status = 'OPEN';
CREATE INDEX IF NOT EXISTS ap_cases_open_by_requester ON ap_cases (requester_organisation_id, opened_at, request_id) WHERE status = 'OPEN';
CREATE INDEX IF NOT EXISTS ap_cases_open_by_kind ON ap_cases (kind, opened_at, request_id) WHERE status = 'OPEN';
CREATE INDEX IF NOT EXISTS ap_cases_documents ON ap_cases (approver_organisation_id, document_number) WHERE document_number IS NOT NULL;
-- Where the systems stand (territorial competence, R17.3 policy); added after the table's first release.
ALTER TABLE ap_cases ADD COLUMN IF NOT EXISTS system_division_codes text[];
-- The credentials the signers showed (R18.2), for the head's queue; added for the console.
ALTER TABLE ap_cases ADD COLUMN IF NOT EXISTS signer_credential_numbers text[];
-- The public verification of a printed document looks it up by its own id (R18.5).
CREATE INDEX IF NOT EXISTS ap_cases_document_id ON ap_cases ((signed_document->'document'->>'documentId')) WHERE signed_document IS NOT NULL;
-- The decided cases of an approver's organ, newest first (the head's register of decisions).
CREATE INDEX IF NOT EXISTS ap_cases_decided_by_organ ON ap_cases (approver_organisation_id, decided_at DESC, request_id) WHERE status <> 'OPEN';
-- The rule pack the case was routed under (issue 21); cases projected before hold none.
ALTER TABLE ap_cases ADD COLUMN IF NOT EXISTS rule_pack jsonb;
`,
    `
CREATE TABLE IF NOT EXISTS ap_request_facts (
  request_id text PRIMARY KEY,
  filed jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS ap_signing_keys (
  organisation_id text NOT NULL,
  key_id text NOT NULL,
  public_key_pem text NOT NULL,
  -- AES-256-GCM of the PKCS#8 DER private key, bound to the organisation id (AAD)
  private_key_enc bytea NOT NULL,
  iv bytea NOT NULL,
  tag bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  retired_at timestamptz,
  PRIMARY KEY (organisation_id, version)
);
ALTER TABLE ap_signing_keys ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 1;
ALTER TABLE ap_signing_keys ADD COLUMN IF NOT EXISTS retired_at timestamptz;
DO $$ BEGIN
  IF (SELECT array_length(conkey, 1) FROM pg_constraint WHERE conname = 'ap_signing_keys_pkey') = 1 THEN
    ALTER TABLE ap_signing_keys DROP CONSTRAINT ap_signing_keys_pkey;
    ALTER TABLE ap_signing_keys ADD PRIMARY KEY (organisation_id, version);
  END IF;
END $$;
CREATE UNIQUE INDEX IF NOT EXISTS ap_signing_keys_current ON ap_signing_keys (organisation_id) WHERE retired_at IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS ap_signing_keys_key_id ON ap_signing_keys (organisation_id, key_id);
CREATE TABLE IF NOT EXISTS ap_document_counters (
  organisation_id text NOT NULL,
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (organisation_id, year)
);
CREATE TABLE IF NOT EXISTS ap_organ_serials (
  organisation_id text PRIMARY KEY,
  division_code text NOT NULL,
  serial integer NOT NULL CHECK (serial BETWEEN 1 AND 999),
  UNIQUE (division_code, serial)
);
`,
  ],
  grants: [
    // The head's queue (its rebuild empties it).
    ['SELECT, INSERT, UPDATE, TRUNCATE', 'ap_cases'],
    // Keys are rotated (the current one marked); counters and serials are claimed by upsert.
    ['SELECT, INSERT, UPDATE', 'ap_signing_keys', 'ap_document_counters', 'ap_organ_serials'],
    ['SELECT, INSERT', 'ap_request_facts'],
  ],
});
