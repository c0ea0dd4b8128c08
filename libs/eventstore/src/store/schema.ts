import { Pool } from 'pg';
import { inTransaction } from './sql';

/**
 * The kernel's tables in a service's own database. `es_events` is append-only: UPDATE, DELETE
 * and TRUNCATE are refused by triggers, so not even a bug in the application can rewrite
 * history. The event log doubles as the outbox: a row becomes publishable the instant its
 * transaction commits, and the relay's position says how far it got.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS es_sequence (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last bigint NOT NULL
);
INSERT INTO es_sequence (singleton, last) VALUES (true, 0) ON CONFLICT DO NOTHING;

CREATE TABLE IF NOT EXISTS es_events (
  sequence bigint PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  aggregate_id text NOT NULL,
  aggregate_version integer NOT NULL CHECK (aggregate_version > 0),
  type text NOT NULL,
  -- the RFC 8785 canonical text, kept byte for byte (json, not jsonb): the relay ships it as is
  envelope json NOT NULL,
  UNIQUE (aggregate_id, aggregate_version)
);

CREATE OR REPLACE FUNCTION es_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'CUSTOS_ES_APPEND_ONLY: % on % is refused; events are never changed or removed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
DROP TRIGGER IF EXISTS es_events_no_update_delete ON es_events;
CREATE TRIGGER es_events_no_update_delete BEFORE UPDATE OR DELETE ON es_events
  FOR EACH ROW EXECUTE FUNCTION es_refuse_change();
DROP TRIGGER IF EXISTS es_events_no_truncate ON es_events;
CREATE TRIGGER es_events_no_truncate BEFORE TRUNCATE ON es_events
  FOR EACH STATEMENT EXECUTE FUNCTION es_refuse_change();

CREATE TABLE IF NOT EXISTS es_relay_position (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  position bigint NOT NULL
);
INSERT INTO es_relay_position (singleton, position) VALUES (true, 0) ON CONFLICT DO NOTHING;

CREATE TABLE IF NOT EXISTS es_inbox (
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);

CREATE TABLE IF NOT EXISTS es_dead_letters (
  id bigserial PRIMARY KEY,
  consumer text NOT NULL,
  event_id text,
  source text NOT NULL,
  reason text NOT NULL,
  raw text NOT NULL,
  dead_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (consumer, source)
);

CREATE TABLE IF NOT EXISTS es_projection_checkpoints (
  projection text PRIMARY KEY,
  position bigint NOT NULL
);

-- Events a projection or consumer (the reader) could not apply: FAILED is the one that failed,
-- WAITING are later events of the same aggregate held behind it so that its order is kept.
CREATE TABLE IF NOT EXISTS es_quarantine (
  id bigserial PRIMARY KEY,
  reader text NOT NULL,
  event_id uuid NOT NULL,
  aggregate_id text NOT NULL,
  type text NOT NULL,
  sequence bigint,
  state text NOT NULL CHECK (state IN ('FAILED', 'WAITING')),
  error text NOT NULL,
  -- json, not jsonb: it keeps an escaped NUL, which jsonb refuses and which is often the poison
  envelope json NOT NULL,
  quarantined_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (reader, event_id)
);
CREATE INDEX IF NOT EXISTS es_quarantine_aggregate ON es_quarantine (reader, aggregate_id, id);
`;

/** Creates or upgrades the kernel's tables; safe to call from several processes at once. */
export async function ensureEventStoreSchema(pool: Pool): Promise<void> {
  await inTransaction(pool, async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('custos.eventstore.schema'))");
    await tx.query(SCHEMA);
  });
}
