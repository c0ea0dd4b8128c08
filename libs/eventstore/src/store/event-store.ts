import { newEventId } from './event-ids';
import { CanonicalSplice, canonicalJson, EventEnvelope, EventRegistry, PendingEvent } from '@custos/contracts';
import { Pool, PoolClient, QueryResult } from 'pg';
import { concurrencyConflict, EventStoreError, storeOverloaded } from '../errors';
import { DEFAULT_MAX_QUEUED, GroupCommit } from './group-commit';
import { AtCommit, CommitSlot, commitSlotOf, inlineValues, inTransaction } from './sql';
import { endSpan, startAppendSpan } from '../tracing/event-trace';

export interface AppendRequest {
  readonly aggregateId: string;
  /** The version the caller decided against; `'any'` only for streams of independent facts. */
  readonly expectedVersion: number | 'any';
  readonly events: readonly PendingEvent[];
}

/** Most callers whose appends share one transaction. */
const MAX_GROUP_COMMIT = 200;

const UNIQUE_VIOLATION = '23505';
/** A row without a sequence: how a strict one-statement append fails when a stream is not at its expected version. */
const NOT_NULL_VIOLATION = '23502';
/** The unique key of a stream's versions (`es_events`): taken means the stream moved on. */
const VERSION_KEY = 'es_events_aggregate_id_aggregate_version_key';

/** A unique key already taken (a version, or an event id appended before). */
function isTaken(error: unknown): boolean {
  return (error as { code?: string })?.code === UNIQUE_VIOLATION;
}

/** `undefined` (redo the exact way) for a key already taken; any other error stands. */
function unlessTaken(error: unknown): undefined {
  if (isTaken(error)) return undefined;
  throw error;
}

/**
 * An envelope's RFC 8785 text in two parts, before and after the value of `sequence`, so that
 * the database can put in the number it allocates.
 */
export function canonicalAroundSequence(envelope: EventEnvelope): [string, string] {
  return new CanonicalSplice(envelope as unknown as Record<string, unknown>, 'sequence').around();
}

/** Wakes the relay and local projections as soon as an append commits. */
export const APPENDED_CHANNEL = 'es_appended';

/**
 * A service's event store on Postgres.
 *
 * Sequence: every append takes the single `es_sequence` row lock, so appends commit one after
 * another in sequence order and a sequence number is only ever visible after all lower ones.
 * A reader that has seen N can therefore never later find an N-1 it skipped: there are no
 * holes to wait for, and a number missing downstream is a real gap, never "not yet committed".
 * Rolled-back appends roll the counter back too.
 */
export interface EventStoreOptions {
  /** Appends that may wait for the group commit before new ones answer 503 CUSTOS_ES_OVERLOADED (default 10,000). */
  readonly maxQueuedAppends?: number;
}

export class EventStore {
  private readonly appends: GroupCommit<readonly AppendRequest[], EventEnvelope[]>;

  constructor(
    private readonly pool: Pool,
    readonly service: string,
    private readonly registry?: EventRegistry,
    options: EventStoreOptions = {},
  ) {
    const maxQueued = options.maxQueuedAppends ?? DEFAULT_MAX_QUEUED;
    this.appends = new GroupCommit<readonly AppendRequest[], EventEnvelope[]>(
      async (units) =>
        (await this.appendInOneStatement(this.pool, units).catch(unlessTaken)) ?? inTransaction(this.pool, (tx) => this.appendUnits(tx, units)),
      MAX_GROUP_COMMIT,
      maxQueued,
      () => storeOverloaded(service, maxQueued),
    );
  }

  /**
   * Appends to one or more streams atomically; `tx` joins a caller's transaction (inbox).
   * Without `tx`, appends that arrive while a commit is in flight share the next transaction
   * (group commit): the sequence lock is then held once for many callers, each of which still
   * succeeds or fails on its own.
   */
  async append(requests: AppendRequest | readonly AppendRequest[], tx?: PoolClient): Promise<EventEnvelope[]> {
    const unit = Array.isArray(requests) ? (requests as readonly AppendRequest[]) : [requests as AppendRequest];
    if (unit.every((r) => r.events.length === 0)) return [];
    this.validate(unit);
    const traced = startAppendSpan(this.service, unit.flatMap((r) => r.events.map((e) => e.type)));
    if (!traced) return this.appendUnit(unit, tx);
    const withTrace = unit.map((r) => ({ ...r, events: r.events.map((e) => ({ ...e, trace: e.trace ?? traced.trace })) }));
    return this.appendUnit(withTrace, tx).then(
      (stored) => (endSpan(traced.span), stored),
      (error: unknown) => {
        endSpan(traced.span, error);
        throw error;
      },
    );
  }

  private async appendUnit(unit: readonly AppendRequest[], tx?: PoolClient): Promise<EventEnvelope[]> {
    if (!tx) return this.appends.submit(unit);
    const slot = commitSlotOf(tx);
    if (slot) {
      const closing = this.closingAppendOf(slot);
      if (closing && unit.every((r) => r.expectedVersion !== 'any')) {
        const result = closing.add(unit);
        if (result instanceof EventStoreError) throw result;
        return result;
      }
      // An append that cannot wait comes after those that did, in sequence order too.
      await this.flushAtCommit(tx);
    }
    // In a caller's transaction too: one statement takes the lock and writes, so the lock is
    // held for two round trips fewer. A version key already taken aborts the caller's
    // transaction, which a conflict rolls back anyway; it is told as the same coded conflict.
    const fast = await this.appendInOneStatement(tx, [unit]).catch(async (error: unknown) => {
      throw await this.conflictOf(unit, error);
    });
    const [result] = fast ?? (await this.appendUnits(tx, [unit]));
    if (result instanceof EventStoreError) throw result;
    return result;
  }

  /**
   * The appends a transaction opened with `{ atCommit: true }` leaves for its commit (see
   * `AtCommit`), when the slot is free or already this store's; otherwise undefined.
   */
  private closingAppendOf(slot: CommitSlot): AppendAtCommit | undefined {
    if (slot.last === undefined) slot.last = new AppendAtCommit(this);
    return slot.last instanceof AppendAtCommit && slot.last.store === this ? slot.last : undefined;
  }

  /** Writes the appends `tx` left for its commit now (a read of the log must see them; another append must follow them). */
  private async flushAtCommit(tx: PoolClient): Promise<void> {
    const slot = commitSlotOf(tx);
    const closing = slot?.last;
    if (!(closing instanceof AppendAtCommit) || closing.store !== this) return;
    slot!.last = undefined;
    const statement = closing.statement();
    if (statement === undefined) return;
    closing.committed(await tx.query(statement).catch(async (error: unknown) => {
      throw await closing.explain(error);
    }));
  }

  /**
   * A statement that failed on a stream's version (its next version taken, or the expected one
   * missing) as the coded conflict of the first request whose stream is elsewhere; any other
   * error as it is.
   */
  async conflictOf(unit: readonly AppendRequest[], error: unknown): Promise<unknown> {
    const code = (error as { code?: string })?.code;
    const onVersion = (code === UNIQUE_VIOLATION && (error as { constraint?: string }).constraint === VERSION_KEY) || code === NOT_NULL_VIOLATION;
    if (!onVersion) return error;
    const versions = await this.currentVersions(this.pool, unit.map((r) => r.aggregateId));
    const stale = unit.find((r) => r.expectedVersion !== (versions.get(r.aggregateId) ?? 0)) ?? unit[0];
    return concurrencyConflict(stale.aggregateId, stale.expectedVersion as number, versions.get(stale.aggregateId) ?? 0);
  }

  async readStream(aggregateId: string, tx?: PoolClient): Promise<EventEnvelope[]> {
    if (tx) await this.flushAtCommit(tx);
    const { rows } = await (tx ?? this.pool).query(
      'SELECT envelope FROM es_events WHERE aggregate_id = $1 ORDER BY aggregate_version',
      [aggregateId],
    );
    return rows.map((r) => r.envelope as EventEnvelope);
  }

  /** Events with sequence > `after`, in order; never skips one (see class comment). */
  async readFrom(after: number, limit = 1000, tx?: PoolClient): Promise<EventEnvelope[]> {
    if (tx) await this.flushAtCommit(tx);
    const { rows } = await (tx ?? this.pool).query(
      'SELECT envelope FROM es_events WHERE sequence > $1 ORDER BY sequence LIMIT $2',
      [after, limit],
    );
    return rows.map((r) => r.envelope as EventEnvelope);
  }

  async headSequence(): Promise<number> {
    const { rows } = await this.pool.query('SELECT last FROM es_sequence');
    return Number(rows[0].last);
  }

  private validate(list: readonly AppendRequest[]): void {
    if (!this.registry) return;
    for (const r of list) {
      for (const e of r.events) {
        const problems = this.registry.payloadProblems(e.type, e.payload);
        if (problems.length > 0) {
          throw new EventStoreError('CUSTOS_ES_INVALID_EVENT', 400, `${e.type}: ${problems.join('; ')}`, { problems });
        }
      }
    }
  }

  /**
   * Writes every unit whose expected versions hold, under the sequence lock; a unit that does
   * not hold gets its conflict back and writes nothing. Taking the lock first makes the version
   * checks exact: no other append can run until this transaction ends.
   */
  private async appendUnits(
    tx: PoolClient,
    units: readonly (readonly AppendRequest[])[],
  ): Promise<(EventEnvelope[] | EventStoreError)[]> {
    const { rows } = await tx.query('SELECT last FROM es_sequence FOR UPDATE');
    let sequence = Number(rows[0].last);
    const versions = await this.currentVersions(tx, units.flatMap((u) => u.map((r) => r.aggregateId)));
    const now = new Date().toISOString();
    const results = units.map((unit) => {
      const touched = new Map<string, number>();
      const envelopes: EventEnvelope[] = [];
      let next = sequence;
      for (const request of unit) {
        let version = touched.get(request.aggregateId) ?? versions.get(request.aggregateId) ?? 0;
        if (request.expectedVersion !== 'any' && request.expectedVersion !== version) {
          return concurrencyConflict(request.aggregateId, request.expectedVersion, version);
        }
        for (const e of request.events) envelopes.push(this.envelopeOf(request.aggregateId, e, ++version, ++next, now));
        touched.set(request.aggregateId, version);
      }
      sequence = next;
      touched.forEach((v, id) => versions.set(id, v));
      return envelopes;
    });
    const accepted = results.filter((r): r is EventEnvelope[] => Array.isArray(r)).flat();
    if (accepted.length > 0) {
      // One round trip for the rows, the counter and the relay's wake-up (sent at commit).
      await tx.query(
        `WITH appended AS (
           INSERT INTO es_events (sequence, id, aggregate_id, aggregate_version, type, envelope)
           SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::json[])
         ), counted AS (UPDATE es_sequence SET last = $7)
         SELECT pg_notify('${APPENDED_CHANNEL}', '')`,
        [
          accepted.map((e) => e.sequence),
          accepted.map((e) => e.id),
          accepted.map((e) => e.aggregateId),
          accepted.map((e) => e.aggregateVersion),
          accepted.map((e) => e.type),
          accepted.map((e) => canonicalJson(e)),
          sequence,
        ],
      );
    }
    return results;
  }

  /**
   * The group commit's usual way: every unit in one autocommitted statement, one round trip
   * and one fsync, with no client round trip while the sequence lock is held (see
   * `OneStatementBatch`). Anything the statement cannot decide — a stream not at the expected
   * version, an `'any'` append, a duplicate event id — yields `undefined`, and the batch is
   * redone by `appendUnits`, which tells each unit its own outcome exactly.
   */
  private async appendInOneStatement(
    db: Pool | PoolClient,
    units: readonly (readonly AppendRequest[])[],
  ): Promise<(EventEnvelope[] | EventStoreError)[] | undefined> {
    if (units.some((u) => u.some((r) => r.expectedVersion === 'any'))) return undefined;
    const batch = new OneStatementBatch(this);
    const results = units.map((unit) => batch.add(unit));
    if (batch.accepted.length === 0) return results;
    const { rows } = await db.query(batch.sql(false), batch.values());
    if (rows[0].base === null) return undefined;
    batch.settle(Number(rows[0].base));
    return results;
  }

  envelopeOf(aggregateId: string, e: PendingEvent, aggregateVersion: number, sequence: number, now: string): EventEnvelope {
    return {
      id: e.id ?? newEventId(),
      type: e.type,
      schemaVersion: e.schemaVersion,
      aggregateId,
      aggregateVersion,
      occurredAt: e.occurredAt ?? now,
      actor: e.actor,
      correlationId: e.correlationId,
      causationId: e.causationId ?? null,
      payload: e.payload,
      sequence,
      service: this.service,
      ...(e.trace ? { trace: e.trace } : {}),
    };
  }

  /** Current versions of the streams, in one query; absent streams are at version 0. */
  private async currentVersions(tx: Pool | PoolClient, aggregateIds: string[]): Promise<Map<string, number>> {
    const { rows } = await tx.query(
      'SELECT aggregate_id, max(aggregate_version) AS v FROM es_events WHERE aggregate_id = ANY($1) GROUP BY aggregate_id',
      [aggregateIds],
    );
    return new Map(rows.map((r) => [r.aggregate_id as string, Number(r.v)]));
  }
}

/**
 * Units appended by one statement. The statement takes the sequence lock by moving the counter
 * (so sequence numbers stay gapless and commit in order, as in `appendUnits`) and computes
 * each event's sequence from it, splicing the number into the envelope's canonical text. The
 * versions are checked without reading them first: a stream's next version must be free (its
 * unique key, which sees every committed row) and, for an expected version above 0, that
 * version must exist (an event once written stays, so the statement's snapshot suffices). A
 * unit that contradicts an earlier one of the same batch is refused when added, alone.
 * Envelopes carry sequences relative to the batch until `settle` adds the allocated base.
 */
class OneStatementBatch {
  readonly accepted: EventEnvelope[] = [];
  /** Versions this batch has reached so far; a stream first seen is assumed at its expected version. */
  private readonly reached = new Map<string, number>();
  private readonly mustExist = new Map<string, number>();
  private readonly now = new Date().toISOString();
  private offset = 0;

  constructor(private readonly store: EventStore) {}

  add(unit: readonly AppendRequest[]): EventEnvelope[] | EventStoreError {
    const touched = new Map<string, number>();
    const envelopes: EventEnvelope[] = [];
    const assumed = new Map<string, number>();
    let next = this.offset;
    for (const request of unit) {
      const expected = request.expectedVersion as number;
      let version = touched.get(request.aggregateId) ?? this.reached.get(request.aggregateId) ?? expected;
      if (version !== expected) return concurrencyConflict(request.aggregateId, expected, version);
      if (!touched.has(request.aggregateId) && !this.reached.has(request.aggregateId) && expected > 0) assumed.set(request.aggregateId, expected);
      for (const e of request.events) envelopes.push(this.store.envelopeOf(request.aggregateId, e, ++version, ++next, this.now));
      touched.set(request.aggregateId, version);
    }
    this.offset = next;
    touched.forEach((v, id) => this.reached.set(id, v));
    assumed.forEach((v, id) => this.mustExist.set(id, v));
    this.accepted.push(...envelopes);
    return envelopes;
  }

  /**
   * The statement; its result's `base` is null when a stream was not at its expected version.
   * `strict` makes that an error instead (rows without a sequence break its NOT NULL), for a
   * statement sent with COMMIT, which must not commit the rest of the transaction without it.
   */
  sql(strict: boolean): string {
    const rows = 'unnest($1::int[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[]) AS r(o, id, a, v, t, head, tail)';
    return `WITH missing AS (
           SELECT 1 FROM unnest($8::text[], $9::int[]) AS m(aggregate_id, version)
            WHERE NOT EXISTS (SELECT 1 FROM es_events e WHERE e.aggregate_id = m.aggregate_id AND e.aggregate_version = m.version)
         ), counted AS (
           UPDATE es_sequence SET last = last + $10 WHERE NOT EXISTS (SELECT 1 FROM missing) RETURNING last - $10 AS base
         ), appended AS (
           INSERT INTO es_events (sequence, id, aggregate_id, aggregate_version, type, envelope)
           SELECT c.base + r.o, r.id, r.a, r.v, r.t, (r.head || (c.base + r.o) || r.tail)::json
             FROM ${strict ? `${rows} LEFT JOIN counted c ON true` : `counted c, ${rows}`}
         )
         SELECT (SELECT base FROM counted) AS base, pg_notify('${APPENDED_CHANNEL}', '')`;
  }

  values(): unknown[] {
    const { accepted } = this;
    const around = accepted.map(canonicalAroundSequence);
    return [
      accepted.map((e) => e.sequence),
      accepted.map((e) => e.id),
      accepted.map((e) => e.aggregateId),
      accepted.map((e) => e.aggregateVersion),
      accepted.map((e) => e.type),
      around.map(([head]) => head),
      around.map(([, tail]) => tail),
      [...this.mustExist.keys()],
      [...this.mustExist.values()],
      this.offset,
    ];
  }

  /** The envelopes' sequences made absolute, once the statement allocated `base`. */
  settle(base: number): void {
    for (const e of this.accepted) (e as { sequence: number }).sequence += base;
  }
}

/**
 * A command's appends left for its transaction's commit (`inTransaction(…, { atCommit: true })`):
 * everything else the command writes goes first, and the sequence lock is taken by the strict
 * one-statement append sent together with COMMIT, so it is held for no client round trip.
 * Until the commit, the envelopes handed back carry sequences relative to the transaction.
 */
class AppendAtCommit implements AtCommit {
  readonly batch: OneStatementBatch;
  private readonly requests: AppendRequest[] = [];

  constructor(readonly store: EventStore) {
    this.batch = new OneStatementBatch(store);
  }

  add(unit: readonly AppendRequest[]): EventEnvelope[] | EventStoreError {
    const result = this.batch.add(unit);
    if (!(result instanceof EventStoreError)) this.requests.push(...unit);
    return result;
  }

  statement(): string | undefined {
    return this.batch.accepted.length === 0 ? undefined : inlineValues(this.batch.sql(true), this.batch.values());
  }

  committed(result: QueryResult): void {
    this.batch.settle(Number(result.rows[0].base));
  }

  explain(error: unknown): Promise<unknown> {
    return this.store.conflictOf(this.requests, error);
  }
}
