import { SchemaMigration } from './migration';
import { ChangeGuard, refuseChangesDdl } from './refuse-changes';

const EVENTS_APPEND_ONLY: ChangeGuard = {
  fn: 'es_refuse_change',
  message: 'CUSTOS_ES_APPEND_ONLY: % on % is refused; events are never changed or removed',
  rowTrigger: 'no_update_delete',
  truncate: true,
};

/**
 * The kernel's migrations, first in every service's list: the event store's tables
 * (`libs/eventstore`) and the HTTP idempotency keys (`libs/platform`), as the services created
 * them at start-up until versioned migrations replaced that (so an existing database adopts
 * them unchanged: every statement is idempotent).
 *
 * `es_events` is append-only: UPDATE, DELETE and TRUNCATE are refused by triggers, which only
 * the owner role (that runs migrations) can drop; the runtime role may only INSERT and SELECT it.
 */
export const eventStoreInitial: SchemaMigration = {
  name: 'EventStore0001Initial1764892800000',
  async up(db) {
    await db.query(`
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

${refuseChangesDdl(EVENTS_APPEND_ONLY, ['es_events'])}
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
`);
    await db.grant('SELECT, INSERT', 'es_events', 'es_inbox');
    // The append lock (SELECT … FOR UPDATE) and the relay's position need UPDATE.
    await db.grant('SELECT, UPDATE', 'es_sequence', 'es_relay_position');
    await db.grant('SELECT, INSERT, UPDATE', 'es_projection_checkpoints');
    await db.grant('SELECT, INSERT', 'es_dead_letters');
    // A resolved event leaves the quarantine; a waiting one becomes the failed one.
    await db.grant('SELECT, INSERT, UPDATE, DELETE', 'es_quarantine');
    await db.grant('USAGE', 'SEQUENCE es_dead_letters_id_seq', 'SEQUENCE es_quarantine_id_seq');
    // Postgres before 15 lets every role create tables in public; the runtime role may not.
    await db.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
  },
};

export const idempotencyKeysInitial: SchemaMigration = {
  name: 'Platform0001IdempotencyKeys1764892800001',
  async up(db) {
    await db.query(`
CREATE TABLE IF NOT EXISTS http_idempotency_keys (
  principal text NOT NULL,
  key text NOT NULL,
  fingerprint text NOT NULL,
  status integer,
  -- the answer's JSON text as sent (null while the first request runs, or for an empty answer)
  body text,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  PRIMARY KEY (principal, key)
);
`);
    // A key is claimed, completed, taken over when abandoned, and released when the request failed.
    await db.grant('SELECT, INSERT, UPDATE, DELETE', 'http_idempotency_keys');
  },
};

/** Every service's database starts with these. */
export const KERNEL_MIGRATIONS: readonly SchemaMigration[] = [eventStoreInitial, idempotencyKeysInitial];

/**
 * The embedded mode's event bus (`EmbeddedTransport`), in a database of its own that every
 * service's runtime role writes (the launcher's, and the tests').
 */
export const EMBEDDED_BUS_MIGRATIONS: readonly SchemaMigration[] = [
  {
    name: 'EmbeddedBus0001Initial1764892800002',
    async up(db) {
      await db.query(`
CREATE TABLE IF NOT EXISTS bus_log (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  key text NOT NULL,
  event_id text NOT NULL,
  value bytea NOT NULL
);
CREATE INDEX IF NOT EXISTS bus_log_topic_id ON bus_log (topic, id);
CREATE TABLE IF NOT EXISTS bus_offsets (
  group_id text NOT NULL,
  topic text NOT NULL,
  last_id bigint NOT NULL,
  PRIMARY KEY (group_id, topic)
);`);
      await db.grant('SELECT, INSERT', 'bus_log');
      await db.grant('USAGE', 'SEQUENCE bus_log_id_seq');
      await db.grant('SELECT, INSERT, UPDATE', 'bus_offsets');
    },
  },
];
