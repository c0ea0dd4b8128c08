import { EventEnvelope } from '@custos/contracts';
import { Pool, PoolClient } from 'pg';
import {
  applyInSavepoint,
  blockedAggregates,
  listQuarantined,
  QuarantinedEvent,
  QuarantineReader,
  QuarantineResolution,
  quarantineEvent,
  resolveQuarantined,
} from '../quarantine/quarantine';
import { databaseOf, ReaderIdentity, readerFailed, readerSucceeded } from '../quarantine/reader-status';
import { EventStore } from '../store/event-store';
import { inTransaction } from '../store/sql';

/** A read model built from the service's own event log. */
export interface Projection {
  readonly name: string;
  /** Tables that hold only this projection's state: emptied on rebuild. */
  readonly tables: readonly string[];
  /**
   * Creates the tables if missing: for a test's own projection only. A service's projection has
   * none: its tables are made by the service's migrations.
   */
  setup?(tx: PoolClient): Promise<void>;
  apply(event: EventEnvelope, tx: PoolClient): Promise<void>;
}

/**
 * Keeps a projection up to date from the log, one batch per transaction together with its
 * checkpoint, so the read model and its position never disagree. Because the log has no
 * holes (see EventStore), a checkpoint is simply the last applied sequence number.
 *
 * One event never stops it: an event the projection cannot apply is quarantined (see
 * `quarantine.ts`) in the same transaction that moves the checkpoint past it, later events of
 * its aggregate wait behind it, and every other aggregate goes on. Only a transient failure
 * (the database is away) makes `catchUp` throw, and the next call goes on from the checkpoint.
 */
export class ProjectionRunner implements QuarantineReader {
  private ready?: Promise<void>;
  private readonly identity: ReaderIdentity;

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    readonly projection: Projection,
    private readonly batchSize = 1000,
  ) {
    this.identity = { reader: projection.name, kind: 'projection', database: databaseOf(pool) };
  }

  get name(): string {
    return this.projection.name;
  }

  /** Applies everything committed so far; returns how many events it read past. */
  async catchUp(): Promise<number> {
    let applied = 0;
    try {
      await this.setup();
      for (;;) {
        const n = await inTransaction(this.pool, (tx) => this.applyNextBatch(tx));
        applied += n;
        if (n < this.batchSize) break;
      }
    } catch (error) {
      readerFailed(this.identity, error);
      throw error;
    }
    readerSucceeded(this.identity, 0);
    return applied;
  }

  /**
   * Takes the projection's lock in the caller's (write) transaction. A command that keeps its
   * read model in step calls this before it appends and `catchUpWithin` after, so that its
   * events and the rows its answer depends on commit together; taking this lock first keeps
   * one lock order (projection, then the log's sequence) with `resolve`, so they never deadlock.
   */
  async lockWithin(tx: PoolClient): Promise<void> {
    await this.setup();
    await this.lockPosition(tx);
  }

  /** Applies everything the caller's transaction sees, in that transaction (see `lockWithin`). */
  async catchUpWithin(tx: PoolClient): Promise<number> {
    await this.setup();
    let applied = 0;
    for (;;) {
      const n = await this.applyNextBatch(tx);
      applied += n;
      if (n < this.batchSize) return applied;
    }
  }

  /** What this projection has set aside, oldest first. */
  quarantined(): Promise<QuarantinedEvent[]> {
    return listQuarantined(this.pool, this.projection.name);
  }

  /** An operator's replay or skip of a quarantined event (see `resolveQuarantined`). */
  async resolve(resolution: QuarantineResolution): Promise<{ released: number; stillWaiting: number }> {
    await this.setup();
    return resolveQuarantined(
      { pool: this.pool, store: this.store, reader: this.projection.name, apply: (e, tx) => this.projection.apply(e, tx), lock: async (tx) => void (await this.lockPosition(tx)) },
      resolution,
    );
  }

  private async applyNextBatch(tx: PoolClient): Promise<number> {
    const position = await this.lockPosition(tx);
    const events = await this.store.readFrom(position, this.batchSize, tx);
    if (events.length === 0) return 0;
    const blocked = await blockedAggregates(tx, this.projection.name, events.map((e) => e.aggregateId));
    const whole = blocked.size === 0 ? await applyInSavepoint(tx, () => this.applyAll(events, tx)) : 'blocked';
    if (whole !== undefined) await this.applyOneByOne(events, blocked, tx);
    await tx.query('UPDATE es_projection_checkpoints SET position = $2 WHERE projection = $1', [
      this.projection.name,
      events[events.length - 1].sequence,
    ]);
    return events.length;
  }

  private async applyAll(events: readonly EventEnvelope[], tx: PoolClient): Promise<void> {
    for (const event of events) await this.projection.apply(event, tx);
  }

  /** The slow path, taken only when the batch holds a poison event or a blocked aggregate. */
  private async applyOneByOne(events: readonly EventEnvelope[], blocked: Set<string>, tx: PoolClient): Promise<void> {
    for (const event of events) {
      if (blocked.has(event.aggregateId)) {
        await quarantineEvent(tx, this.projection.name, event, 'WAITING', `waits behind an earlier event of ${event.aggregateId}`);
        continue;
      }
      const failure = await applyInSavepoint(tx, () => this.projection.apply(event, tx));
      if (failure === undefined) continue;
      await quarantineEvent(tx, this.projection.name, event, 'FAILED', failure);
      blocked.add(event.aggregateId);
    }
  }

  private async lockPosition(tx: PoolClient): Promise<number> {
    const { rows } = await tx.query('SELECT position FROM es_projection_checkpoints WHERE projection = $1 FOR UPDATE', [
      this.projection.name,
    ]);
    return Number(rows[0].position);
  }

  /** Empties the read model and replays the whole log into it. */
  async rebuild(): Promise<number> {
    await this.setup();
    await inTransaction(this.pool, async (tx) => {
      await this.lockPosition(tx);
      for (const table of this.projection.tables) await tx.query(`TRUNCATE ${quoteIdent(table)}`);
      // A rebuild replays every event afresh: what was set aside is tried again in its turn.
      await tx.query('DELETE FROM es_quarantine WHERE reader = $1', [this.projection.name]);
      await tx.query('UPDATE es_projection_checkpoints SET position = 0 WHERE projection = $1', [this.projection.name]);
    });
    return this.catchUp();
  }

  async position(): Promise<number> {
    await this.setup();
    const { rows } = await this.pool.query('SELECT position FROM es_projection_checkpoints WHERE projection = $1', [
      this.projection.name,
    ]);
    return Number(rows[0].position);
  }

  private setup(): Promise<void> {
    this.ready ??= inTransaction(this.pool, async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`custos.projection.${this.projection.name}`]);
      await this.projection.setup?.(tx);
      await tx.query(
        'INSERT INTO es_projection_checkpoints (projection, position) VALUES ($1, 0) ON CONFLICT DO NOTHING',
        [this.projection.name],
      );
    }).catch((e) => {
      this.ready = undefined;
      throw e;
    });
    return this.ready;
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
