import { refuseChangesDdl, SchemaMigration } from '@custos/migrations';

/**
 * The ledger service's schema as it created it at start-up before versioned migrations (every
 * statement idempotent, so a database created that way adopts this migration unchanged), and
 * what its runtime role may do to each table.
 */
export const ledgerInitial: SchemaMigration = {
  name: 'Ledger0001Initial1764892800600',
  async up(db) {
    await db.query(`
CREATE TABLE IF NOT EXISTS ledger_leaves (
  leaf_index bigint PRIMARY KEY CHECK (leaf_index >= 0),
  event_id uuid NOT NULL UNIQUE,
  service text NOT NULL,
  service_sequence bigint NOT NULL,
  aggregate_id text NOT NULL,
  event_type text NOT NULL,
  entry bytea NOT NULL,
  appended_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ledger_leaves_aggregate ON ledger_leaves (aggregate_id, leaf_index);
-- A service numbers each of its events once (issue 16): two leaves at one number are a forgery.
DROP INDEX IF EXISTS ledger_leaves_service_sequence;
CREATE UNIQUE INDEX IF NOT EXISTS ledger_leaves_service_sequence_unique ON ledger_leaves (service, service_sequence);

CREATE TABLE IF NOT EXISTS ledger_nodes (
  level smallint NOT NULL CHECK (level >= 0 AND level < 64),
  node_index bigint NOT NULL CHECK (node_index >= 0),
  hash bytea NOT NULL CHECK (octet_length(hash) = 32),
  PRIMARY KEY (level, node_index)
);

CREATE TABLE IF NOT EXISTS ledger_checkpoints (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tree_size bigint NOT NULL UNIQUE CHECK (tree_size >= 0),
  root_hash bytea NOT NULL CHECK (octet_length(root_hash) = 32),
  note text NOT NULL,
  signed_at timestamptz NOT NULL DEFAULT now(),
  object_key text NOT NULL,
  object_version text
);

ALTER TABLE ledger_checkpoints ADD COLUMN IF NOT EXISTS archive_pending boolean NOT NULL DEFAULT false;

CREATE TABLE IF NOT EXISTS ledger_checkpoint_archived (
  tree_size bigint PRIMARY KEY,
  object_key text NOT NULL,
  object_version text,
  archived_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS ledger_rejected (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source text NOT NULL UNIQUE,
  event_id text,
  reason text NOT NULL,
  raw bytea NOT NULL,
  rejected_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS ledger_sequence_progress (
  service text PRIMARY KEY,
  contiguous_through bigint NOT NULL CHECK (contiguous_through >= 0),
  highest_seen bigint NOT NULL CHECK (highest_seen >= contiguous_through)
);

${refuseChangesDdl(
  {
    fn: 'ledger_refuse_change',
    message: 'CUSTOS_LEDGER_APPEND_ONLY: % on % is refused; the audit ledger is append-only',
    rowTrigger: 'no_update_delete',
    truncate: true,
  },
  // As shipped: a table made append-only later is a new migration's.
  ['ledger_leaves', 'ledger_nodes', 'ledger_checkpoints', 'ledger_checkpoint_archived', 'ledger_rejected'],
)}`);
    await db.query(`
CREATE TABLE IF NOT EXISTS ledger_access_aggregate_orgs (
  aggregate_id text NOT NULL,
  organisation_id text NOT NULL,
  PRIMARY KEY (aggregate_id, organisation_id)
);
CREATE TABLE IF NOT EXISTS ledger_access_aggregate_divisions (
  aggregate_id text NOT NULL,
  division_code text NOT NULL,
  PRIMARY KEY (aggregate_id, division_code)
);
CREATE TABLE IF NOT EXISTS ledger_access_organisations (
  organisation_id text PRIMARY KEY,
  division_code text,
  placed_at_leaf bigint
);
CREATE TABLE IF NOT EXISTS ledger_access_divisions (
  division_code text PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS ledger_access_aggregate_refs (
  aggregate_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('SYSTEM', 'CAMERA')),
  ref_id text NOT NULL,
  PRIMARY KEY (aggregate_id, kind, ref_id)
);
CREATE TABLE IF NOT EXISTS ledger_access_systems (
  system_id text PRIMARY KEY,
  division_code text NOT NULL,
  placed_at_leaf bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS ledger_access_cameras (
  camera_id text PRIMARY KEY,
  system_id text NOT NULL,
  placed_at_leaf bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS ledger_access_progress (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  next_leaf bigint NOT NULL CHECK (next_leaf >= 0)
);
INSERT INTO ledger_access_progress (id, next_leaf) VALUES (true, 0) ON CONFLICT DO NOTHING;
ALTER TABLE ledger_access_progress ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 1;
`);
    // An access index built by version 1 is rebuilt from leaf 0 (what the service did at start).
    const [progress] = await db.query<{ version: number }>('SELECT version FROM ledger_access_progress');
    if (Number(progress.version) < 2) {
      await db.query(`
TRUNCATE ledger_access_aggregate_orgs, ledger_access_aggregate_divisions, ledger_access_aggregate_refs,
         ledger_access_organisations, ledger_access_divisions, ledger_access_systems, ledger_access_cameras;
UPDATE ledger_access_progress SET next_leaf = 0, version = 2;
`);
    }
    // The log is append-only: inserted and read, nothing else (its triggers are the owner's).
    await db.grant('SELECT, INSERT', 'ledger_leaves', 'ledger_nodes', 'ledger_checkpoints', 'ledger_checkpoint_archived', 'ledger_rejected');
    // Derived state: gap detection's progress and the access index (upserted as the log grows).
    await db.grant('SELECT, INSERT, UPDATE', 'ledger_sequence_progress', 'ledger_access_progress', 'ledger_access_organisations', 'ledger_access_systems', 'ledger_access_cameras');
    await db.grant('SELECT, INSERT', 'ledger_access_aggregate_orgs', 'ledger_access_aggregate_divisions', 'ledger_access_aggregate_refs', 'ledger_access_divisions');
  },
};
