import { Logger } from '@nestjs/common';
import {
  Actor,
  EventEnvelope,
  QUARANTINE_RESOLVED_SCHEMA_VERSION,
  quarantineDecisionsStream,
  QuarantinedEventResolved,
  quarantineResolvedEventType,
} from '@custos/contracts';
import { Pool, PoolClient } from 'pg';
import { EventStoreError, isTransientFailure } from '../errors';
import { EventStore } from '../store/event-store';
import { inTransaction } from '../store/sql';

/**
 * A poison event does not stop a reader (a projection or a consumer): it is set aside in
 * `es_quarantine` with its error (FAILED) and the reader goes on with the events of other
 * aggregates. Later events of the same aggregate are set aside behind it (WAITING), so an
 * aggregate's events are still applied in their order, never one after a skipped earlier one.
 * An operator then replays (applies again, after a fix) or skips the FAILED one with a reason
 * that is written as `<service>.QuarantinedEventResolved`, and the events waiting behind it
 * are applied in order.
 */
export type QuarantineState = 'FAILED' | 'WAITING';
export type QuarantineDecision = 'REPLAY' | 'SKIP';

export interface QuarantinedEvent {
  readonly reader: string;
  readonly eventId: string;
  readonly aggregateId: string;
  readonly type: string;
  readonly sequence: number | null;
  readonly state: QuarantineState;
  readonly error: string;
  readonly quarantinedAt: string;
}

export interface QuarantineResolution {
  readonly eventId: string;
  readonly decision: QuarantineDecision;
  readonly reason: string;
  readonly actor: Actor;
  readonly correlationId: string;
}

/** What a reader does with one event inside the caller's transaction. */
export type ApplyEvent = (event: EventEnvelope, tx: PoolClient) => Promise<void>;

const logger = new Logger('Quarantine');
const MAX_ERROR_LENGTH = 2000;

/** The aggregates among `aggregateIds` that have an event set aside by `reader`. */
export async function blockedAggregates(tx: PoolClient, reader: string, aggregateIds: readonly string[]): Promise<Set<string>> {
  if (aggregateIds.length === 0) return new Set();
  const { rows } = await tx.query('SELECT DISTINCT aggregate_id FROM es_quarantine WHERE reader = $1 AND aggregate_id = ANY($2)', [
    reader,
    [...new Set(aggregateIds)],
  ]);
  return new Set(rows.map((r) => r.aggregate_id as string));
}

/** Sets `event` aside for `reader`; setting it aside again changes nothing. */
export async function quarantineEvent(
  tx: PoolClient,
  reader: string,
  event: EventEnvelope,
  state: QuarantineState,
  error: unknown,
): Promise<void> {
  const reason = describeFailure(error);
  await tx.query(
    `INSERT INTO es_quarantine (reader, event_id, aggregate_id, type, sequence, state, error, envelope)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (reader, event_id) DO NOTHING`,
    [reader, event.id, event.aggregateId, event.type, event.sequence ?? null, state, reason, JSON.stringify(event)],
  );
  const log = { code: 'CUSTOS_ES_EVENT_QUARANTINED', reader, state, eventId: event.id, aggregateId: event.aggregateId, type: event.type, reason };
  if (state === 'FAILED') logger.error(log);
  else logger.warn(log);
}

/**
 * Runs `work` inside a savepoint. A failure that concerns the event (a constraint, a value
 * Postgres refuses, a bug in the reader) is rolled back to the savepoint and returned, so the
 * caller can set the event aside and go on in the same transaction. A transient failure (see
 * `isTransientFailure`), or one after which the connection cannot even roll back, is thrown:
 * the whole transaction is retried later and nothing is set aside.
 */
export async function applyInSavepoint(tx: PoolClient, work: () => Promise<void>): Promise<unknown | undefined> {
  await tx.query('SAVEPOINT custos_event');
  try {
    await work();
    await tx.query('RELEASE SAVEPOINT custos_event');
    return undefined;
  } catch (error) {
    if (isTransientFailure(error)) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT custos_event').catch(() => {
      throw error;
    });
    return error ?? new Error('the reader failed without a reason');
  }
}

/** What `reader` has set aside, oldest first (all readers when none is named). */
export async function listQuarantined(pool: Pool, reader?: string): Promise<QuarantinedEvent[]> {
  const { rows } = await pool.query(
    `SELECT reader, event_id, aggregate_id, type, sequence, state, error, quarantined_at
       FROM es_quarantine WHERE $1::text IS NULL OR reader = $1 ORDER BY id`,
    [reader ?? null],
  );
  return rows.map((r) => ({
    reader: r.reader,
    eventId: r.event_id,
    aggregateId: r.aggregate_id,
    type: r.type,
    sequence: r.sequence === null ? null : Number(r.sequence),
    state: r.state,
    error: r.error,
    quarantinedAt: new Date(r.quarantined_at).toISOString(),
  }));
}

export interface ResolveQuarantinedOptions {
  readonly pool: Pool;
  /** The service's own store: the decision is appended to it, in the same transaction. */
  readonly store: EventStore;
  readonly reader: string;
  readonly apply: ApplyEvent;
  /** Taken first in the transaction, to serialise with the reader's own progress. */
  readonly lock?: (tx: PoolClient) => Promise<void>;
}

/**
 * Replays or skips the event `reader` set aside as FAILED, then applies the events of the same
 * aggregate that waited behind it, in order, until one fails (which becomes the FAILED one).
 * The decision, its reason and who took it are appended as `<service>.QuarantinedEventResolved`
 * in the same transaction: a decision is recorded exactly when it took effect.
 */
export async function resolveQuarantined(
  options: ResolveQuarantinedOptions,
  resolution: QuarantineResolution,
): Promise<{ released: number; stillWaiting: number }> {
  const { pool, store, reader, apply } = options;
  return inTransaction(pool, async (tx) => {
    await options.lock?.(tx);
    const { rows } = await tx.query(
      'SELECT aggregate_id, sequence, state, error, envelope FROM es_quarantine WHERE reader = $1 AND event_id = $2 FOR UPDATE',
      [reader, resolution.eventId],
    );
    const head = rows[0];
    if (!head) throw quarantineError('CUSTOS_ES_QUARANTINE_NOT_FOUND', 404, `${reader} has no event ${resolution.eventId} set aside`);
    if (head.state !== 'FAILED') {
      throw quarantineError('CUSTOS_ES_QUARANTINE_NOT_FIRST', 409, `event ${resolution.eventId} waits behind an earlier event of ${head.aggregate_id}: resolve that one first`);
    }
    if (resolution.decision === 'REPLAY') {
      const failure = await applyInSavepoint(tx, () => apply(head.envelope as EventEnvelope, tx));
      if (failure !== undefined) {
        throw quarantineError('CUSTOS_ES_QUARANTINE_REPLAY_FAILED', 409, `the event still fails: ${describeFailure(failure)}`);
      }
    }
    await tx.query('DELETE FROM es_quarantine WHERE reader = $1 AND event_id = $2', [reader, resolution.eventId]);
    const { released, stillWaiting } = await releaseWaiting(tx, reader, head.aggregate_id as string, apply);
    const payload: QuarantinedEventResolved = {
      reader,
      eventId: resolution.eventId,
      aggregateId: head.aggregate_id,
      decision: resolution.decision,
      reason: resolution.reason,
      error: String(head.error).slice(0, MAX_ERROR_LENGTH),
      released,
      ...(head.sequence === null ? {} : { sequence: Number(head.sequence) }),
    };
    await store.append(
      {
        aggregateId: quarantineDecisionsStream(store.service),
        expectedVersion: 'any',
        events: [
          {
            type: quarantineResolvedEventType(store.service),
            schemaVersion: QUARANTINE_RESOLVED_SCHEMA_VERSION,
            payload: { ...payload },
            actor: resolution.actor,
            correlationId: resolution.correlationId,
          },
        ],
      },
      tx,
    );
    logger.log({ code: 'CUSTOS_ES_QUARANTINE_RESOLVED', reader, eventId: resolution.eventId, decision: resolution.decision, released, stillWaiting });
    return { released, stillWaiting };
  });
}

/** Applies the events waiting behind a resolved one, in order, until one fails. */
async function releaseWaiting(
  tx: PoolClient,
  reader: string,
  aggregateId: string,
  apply: ApplyEvent,
): Promise<{ released: number; stillWaiting: number }> {
  const { rows } = await tx.query(
    `SELECT event_id, envelope FROM es_quarantine WHERE reader = $1 AND aggregate_id = $2 AND state = 'WAITING' ORDER BY id FOR UPDATE`,
    [reader, aggregateId],
  );
  let released = 0;
  for (const row of rows) {
    const failure = await applyInSavepoint(tx, () => apply(row.envelope as EventEnvelope, tx));
    if (failure !== undefined) {
      await tx.query(`UPDATE es_quarantine SET state = 'FAILED', error = $3 WHERE reader = $1 AND event_id = $2`, [
        reader,
        row.event_id,
        describeFailure(failure),
      ]);
      return { released, stillWaiting: rows.length - released };
    }
    await tx.query('DELETE FROM es_quarantine WHERE reader = $1 AND event_id = $2', [reader, row.event_id]);
    released++;
  }
  return { released, stillWaiting: 0 };
}

/** The error as stored and logged: its code and message, without bytes Postgres cannot store. */
export function describeFailure(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = String((error as Error | undefined)?.message ?? error);
  const text = typeof code === 'string' ? `${code}: ${message}` : message;
  return text.replace(/\u0000/g, '\\u0000').slice(0, MAX_ERROR_LENGTH);
}

function quarantineError(
  code: 'CUSTOS_ES_QUARANTINE_NOT_FOUND' | 'CUSTOS_ES_QUARANTINE_NOT_FIRST' | 'CUSTOS_ES_QUARANTINE_REPLAY_FAILED',
  status: 404 | 409,
  message: string,
): EventStoreError {
  return new EventStoreError(code, status, message);
}

/** A reader an operator can act on: a projection's runner, or a consumer with its service's store. */
export interface QuarantineReader {
  readonly name: string;
  quarantined(): Promise<QuarantinedEvent[]>;
  resolve(resolution: QuarantineResolution): Promise<{ released: number; stillWaiting: number }>;
}
