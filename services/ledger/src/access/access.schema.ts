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
CREATE TABLE IF NOT EXISTS ledger_access_progress (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  next_leaf bigint NOT NULL CHECK (next_leaf >= 0)
);
INSERT INTO ledger_access_progress (id, next_leaf) VALUES (true, 0) ON CONFLICT DO NOTHING;
`;

/** Creates the access index's tables; safe to call from several replicas at once. */
export async function ensureAccessSchema(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('custos.ledger.access.schema'))");
    await client.query(SCHEMA);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
