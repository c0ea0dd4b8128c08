import { Pool } from 'pg';

/**
 * The audit ledger's tables (ARCHITECTURE.md "The audit ledger"), in the ledger service's own
 * database beside the kernel's `es_*` tables.
 *
 * - `ledger_leaves`: one row per event, the exact canonical bytes that were hashed, and what is
 *   needed to find it again (event id, aggregate, service and its sequence number).
 * - `ledger_nodes`: the hash of every complete perfect subtree, level 0 being the leaf hashes
 *   (what `CompactRange.append` returns). Any root or proof is then O(log n) rows of one
 *   query. Leaf hashes sit apart from the entries on purpose: an entry changed, removed or
 *   moved afterwards no longer matches the leaf hash recorded for its index, so an export
 *   names it exactly.
 * - `ledger_checkpoints`: the signed checkpoints, in publication order, and where the
 *   write-once copy of each goes in the object store. A checkpoint is stored as soon as it
 *   is signed and archived right after (`archive_pending`); `ledger_checkpoint_archived`
 *   records each copy once it is written (older rows were archived before they were stored).
 * - `ledger_rejected`: bus messages that are not an event envelope, kept with their reason.
 *
 * These five are append-only: triggers refuse UPDATE, DELETE and TRUNCATE, so not even a bug
 * in the service can rewrite history. (A superuser can disable triggers; that is what the
 * signed checkpoints, their object-store copies and the offline verifier are for.)
 * `ledger_sequence_progress` is derived state for gap detection and may change.
 */
const SCHEMA = `
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

CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'CUSTOS_LEDGER_APPEND_ONLY: % on % is refused; the audit ledger is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
`;

export const APPEND_ONLY_TABLES = [
  'ledger_leaves',
  'ledger_nodes',
  'ledger_checkpoints',
  'ledger_checkpoint_archived',
  'ledger_rejected',
] as const;

function appendOnlyTriggers(table: string): string {
  return `
DROP TRIGGER IF EXISTS ${table}_no_update_delete ON ${table};
CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table}
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
DROP TRIGGER IF EXISTS ${table}_no_truncate ON ${table};
CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();`;
}

/** Creates or upgrades the ledger's tables; safe to call from several replicas at once. */
export async function ensureLedgerSchema(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('custos.ledger.schema'))");
    await client.query(SCHEMA + APPEND_ONLY_TABLES.map(appendOnlyTriggers).join('\n'));
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
