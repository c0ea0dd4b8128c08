import type { ModuleRef } from '@nestjs/core';
import { readerStatuses, type ReaderStatus } from '@custos/eventstore';
import { Gauge, Registry } from 'prom-client';
import { DatabaseQuery, databaseQuery } from './postgres.check';
import { CheckOutcome, DEFAULT_CHECK_TIMEOUT_MS, ReadinessCheck, reasonOf, withTimeout } from './readiness-check';

export interface EventReadersCheckOptions {
  /** A reader whose every attempt failed for this long is stuck: the service is not ready (default 30 s). */
  readonly stuckAfterMs?: number;
  /** The service's own database. */
  readonly url: string;
  /** The pool to read through, shared with the service's other checks of the same database. */
  readonly database?: DatabaseQuery;
  readonly timeoutMs?: number;
}

/** What the service's own database says about its event log and the readers of it. */
interface EventLogState {
  readonly database: string;
  /** Absent when the database has no event store (yet). */
  readonly head?: number;
  readonly outboxLag?: number;
  readonly projections: { projection: string; position: number; lag: number }[];
  readonly quarantine: { reader: string; state: string; n: number }[];
}

const STATE_SQL = `
SELECT current_database() AS database,
  (to_regclass('es_sequence') IS NOT NULL AND to_regclass('es_quarantine') IS NOT NULL) AS has_store,
  CASE WHEN to_regclass('es_quarantine') IS NOT NULL THEN (
    SELECT json_build_object(
      'head', (SELECT last FROM es_sequence),
      'relayed', (SELECT position FROM es_relay_position),
      'projections', coalesce((SELECT json_agg(json_build_object('projection', projection, 'position', position)) FROM es_projection_checkpoints), '[]'),
      'quarantine', coalesce((SELECT json_agg(q) FROM (SELECT reader, state, count(*)::int AS n FROM es_quarantine GROUP BY reader, state ORDER BY reader, state) q), '[]'))
  ) END AS state`;

/** One read of the event log's state from the service's own database. */
async function readEventLogState(database: DatabaseQuery, timeoutMs: number): Promise<EventLogState> {
  const [row] = await withTimeout(database.query(STATE_SQL), timeoutMs, 'Postgres');
  const state = (typeof row.state === 'string' ? JSON.parse(row.state) : row.state) as
    | { head: string | number; relayed: string | number | null; projections: { projection: string; position: number }[]; quarantine: EventLogState['quarantine'] }
    | null;
  if (!row.has_store || !state) return { database: String(row.database), projections: [], quarantine: [] };
  const head = Number(state.head);
  return {
    database: String(row.database),
    head,
    outboxLag: state.relayed === null ? undefined : head - Number(state.relayed),
    projections: state.projections.map((p) => ({ projection: p.projection, position: Number(p.position), lag: head - Number(p.position) })),
    quarantine: state.quarantine,
  };
}

/** The readiness details: positions and lags, what is quarantined, and which readers are stuck. */
function readinessDetails(state: EventLogState, stuck: readonly ReaderStatus[]): Record<string, unknown> {
  const readers = readerStatuses(state.database);
  const quarantined: Record<string, Record<string, number>> = {};
  for (const q of state.quarantine) (quarantined[q.reader] ??= {})[q.state.toLowerCase()] = q.n;
  return {
    ...(state.head === undefined ? {} : { head: state.head, outboxLag: state.outboxLag }),
    projections: Object.fromEntries(state.projections.map((p) => [p.projection, { position: p.position, lag: p.lag }])),
    consumers: Object.fromEntries(readers.filter((r) => r.kind === 'consumer').map((r) => [r.reader, { lag: r.lag ?? null }])),
    quarantined,
    ...(stuck.length === 0
      ? {}
      : {
          message: `stuck: ${stuck.map((r) => r.reader).join(', ')}`,
          stuck: stuck.map((r) => ({ reader: r.reader, kind: r.kind, failingSince: new Date(r.failingSince!).toISOString(), lastError: r.lastError })),
        }),
  };
}

/** The event log's gauges; `current` gives one state sample per scrape. */
function registerEventLogGauges(
  registry: Registry,
  current: () => Promise<EventLogState | undefined>,
  stuckAfterMs: number,
  stuckReaders: (state: EventLogState) => ReaderStatus[],
): void {
  const registers = [registry];
  new Gauge({
    name: 'custos_quarantined_events',
    help: 'Events a projection or consumer set aside (FAILED) or holds behind them (WAITING)',
    labelNames: ['reader', 'state'],
    registers,
    async collect() {
      this.reset();
      for (const q of (await current())?.quarantine ?? []) this.set({ reader: q.reader, state: q.state }, q.n);
    },
  });
  new Gauge({
    name: 'custos_projection_lag',
    help: "Events of the service's log a projection has not read yet",
    labelNames: ['projection'],
    registers,
    async collect() {
      this.reset();
      for (const p of (await current())?.projections ?? []) this.set({ projection: p.projection }, p.lag);
    },
  });
  new Gauge({
    name: 'custos_outbox_lag',
    help: 'Committed events the relay has not yet published to the bus',
    registers,
    async collect() {
      this.reset();
      const lag = (await current())?.outboxLag;
      if (lag !== undefined) this.set(lag);
    },
  });
  new Gauge({
    name: 'custos_reader_stuck',
    help: `1 for a projection or consumer that failed on every attempt for ${stuckAfterMs} ms`,
    labelNames: ['reader'],
    registers,
    async collect() {
      this.reset();
      const state = await current();
      if (!state) return;
      const stuck = new Set(stuckReaders(state).map((r) => r.reader));
      for (const r of readerStatuses(state.database)) this.set({ reader: r.reader }, stuck.has(r.reader) ? 1 : 0);
    },
  });
}

/**
 * `/health/ready` on the service's event log and its readers (projections, consumers): down
 * when the database does not answer, or when a reader of this service has failed on every
 * attempt for `stuckAfterMs` (it cannot move, however far behind). How far each projection and
 * consumer lags, and what each has quarantined, show in the details and as metrics; a
 * quarantined event does not make the service unready, since everything else goes on.
 */
export function eventReadersCheck(options: EventReadersCheckOptions): ReadinessCheck & {
  registerMetrics(registry: Registry, moduleRef: ModuleRef): void;
} {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const stuckAfterMs = options.stuckAfterMs ?? 30_000;
  const database = options.database ?? databaseQuery(options.url, timeoutMs);
  const read = () => readEventLogState(database, timeoutMs);
  const stuckReaders = (state: EventLogState) =>
    readerStatuses(state.database).filter((r) => r.failingSince !== undefined && Date.now() - r.failingSince >= stuckAfterMs);

  return {
    key: 'readers',
    async run(): Promise<CheckOutcome> {
      let state: EventLogState;
      try {
        state = await read();
      } catch (error) {
        return { up: false, details: { message: reasonOf(error) } };
      }
      const stuck = stuckReaders(state);
      return { up: stuck.length === 0, details: readinessDetails(state, stuck) };
    },
    close: () => database.close(),
    registerMetrics(registry) {
      let sample: Promise<EventLogState | undefined> | undefined;
      // One query feeds every gauge of one scrape.
      const current = () => {
        sample ??= read()
          .catch(() => undefined)
          .finally(() => setImmediate(() => (sample = undefined)));
        return sample;
      };
      registerEventLogGauges(registry, current, stuckAfterMs, stuckReaders);
    },
  };
}
