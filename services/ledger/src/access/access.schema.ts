import { Pool } from 'pg';

/**
 * The ledger's access index (R5.1): who is involved in each aggregate, and where each
 * organisation sits. It is a projection of `ledger_leaves`, filled by `LedgerAccessIndex`
 * after the fact, never by the ingest. Unlike the log it may change, and it can be rebuilt:
 * empty these tables and set `next_leaf` to 0, and the next pass reads the log again.
 *
 * - `ledger_access_aggregate_orgs`: organisations involved in an aggregate (actors and
 *   organisations named in payloads).
 * - `ledger_access_aggregate_divisions`: division codes named in an aggregate's payloads.
 * - `ledger_access_organisations`: every organisation seen, with its division once the
 *   registry's `registry.OrganisationRegistered` has been read (NULL until then).
 * - `ledger_access_divisions`: every division code named in a payload. With the
 *   organisations, what a whole-log reader's jurisdiction must cover.
 * - `ledger_access_aggregate_refs`: image systems (`SYSTEM`) and cameras (`CAMERA`) an
 *   aggregate's payloads name, so that an aggregate whose payloads carry no division (a footage
 *   segment) is placed where its system stands.
 * - `ledger_access_systems`, `ledger_access_cameras`: where each system stands and which system
 *   each camera belongs to, from the registry's `ImageSystemRegistered` and `CameraRegistered`.
 * - `ledger_access_progress`: the next leaf to read (one row).
 */
const SCHEMA = `
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
`;

/**
 * The version of what the index derives from a leaf. An index built by an older version is
 * rebuilt from leaf 0 at start. 2: organisations placed by their public id (not the registry's
 * stream id), systems and cameras placed, refusals involving nobody.
 */
const ACCESS_INDEX_VERSION = 2;

const REBUILD = `
TRUNCATE ledger_access_aggregate_orgs, ledger_access_aggregate_divisions, ledger_access_aggregate_refs,
         ledger_access_organisations, ledger_access_divisions, ledger_access_systems, ledger_access_cameras;
UPDATE ledger_access_progress SET next_leaf = 0, version = ${ACCESS_INDEX_VERSION};
`;

/** Creates the access index's tables (rebuilding an older index); safe to call from several replicas at once. */
export async function ensureAccessSchema(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('custos.ledger.access.schema'))");
    await client.query(SCHEMA);
    const { rows } = await client.query('SELECT version FROM ledger_access_progress');
    if (Number(rows[0].version) < ACCESS_INDEX_VERSION) await client.query(REBUILD);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
