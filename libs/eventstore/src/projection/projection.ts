import { EventEnvelope } from '@custos/contracts';
import { Pool, PoolClient } from 'pg';
import { EventStore } from '../store/event-store';
import { inTransaction } from '../store/sql';

/** A read model built from the service's own event log. */
export interface Projection {
  readonly name: string;
  /** Tables that hold only this projection's state: emptied on rebuild. */
  readonly tables: readonly string[];
  /** Creates the tables if missing. */
  setup(tx: PoolClient): Promise<void>;
  apply(event: EventEnvelope, tx: PoolClient): Promise<void>;
}

/**
 * Keeps a projection up to date from the log, one batch per transaction together with its
 * checkpoint, so the read model and its position never disagree. Because the log has no
 * holes (see EventStore), a checkpoint is simply the last applied sequence number.
 */
export class ProjectionRunner {
  private ready?: Promise<void>;

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    readonly projection: Projection,
    private readonly batchSize = 1000,
  ) {}

  /** Applies everything committed so far; returns how many events it applied. */
  async catchUp(): Promise<number> {
    await this.setup();
    let applied = 0;
    for (;;) {
      const n = await inTransaction(this.pool, async (tx) => {
        const { rows } = await tx.query(
          'SELECT position FROM es_projection_checkpoints WHERE projection = $1 FOR UPDATE',
          [this.projection.name],
        );
        const events = await this.store.readFrom(Number(rows[0].position), this.batchSize, tx);
        for (const event of events) await this.projection.apply(event, tx);
        if (events.length > 0) {
          await tx.query('UPDATE es_projection_checkpoints SET position = $2 WHERE projection = $1', [
            this.projection.name,
            events[events.length - 1].sequence,
          ]);
        }
        return events.length;
      });
      applied += n;
      if (n < this.batchSize) return applied;
    }
  }

  /** Empties the read model and replays the whole log into it. */
  async rebuild(): Promise<number> {
    await this.setup();
    await inTransaction(this.pool, async (tx) => {
      await tx.query('SELECT position FROM es_projection_checkpoints WHERE projection = $1 FOR UPDATE', [this.projection.name]);
      for (const table of this.projection.tables) await tx.query(`TRUNCATE ${quoteIdent(table)}`);
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
      await this.projection.setup(tx);
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
