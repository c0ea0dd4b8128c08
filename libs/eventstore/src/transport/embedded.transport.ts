import { EventEmitter } from 'node:events';
import { assertSchemaMigrated, EMBEDDED_BUS_MIGRATIONS } from '@custos/migrations';
import { Pool } from 'pg';
import { resilientPool } from '../store/sql';
import {
  BatchHandler,
  EventTransport,
  OutgoingMessage,
  Subscription,
  SubscriptionOptions,
} from './transport';

/** Wakes subscribers in this process the moment something is published. */
const published = new EventEmitter().setMaxListeners(0);


/**
 * The event bus of the embedded mode: delivery inside this process, with a durable log and
 * committed group offsets in the embedded Postgres, so the semantics are Kafka's — at-least-once,
 * ordered per topic, resumable after a restart — without a broker process. Each topic has one
 * writer at a time (the relay of its service holds a lease), so ids commit in order per topic.
 */
export class EmbeddedTransport implements EventTransport {
  private readonly stops = new Set<() => Promise<void>>();
  private ready?: Promise<void>;

  constructor(
    private readonly pool: Pool,
    private readonly pollMs = 500,
    private readonly ownsPool = false,
  ) {}

  /** A transport on its own pool to the bus database, closed with the transport. */
  static connect(databaseUrl: string): EmbeddedTransport {
    const pool = resilientPool({ connectionString: databaseUrl, max: 4 });
    return new EmbeddedTransport(pool, 500, true);
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.ensureSchema();
    await this.pool.query(
      `INSERT INTO bus_log (topic, key, event_id, value)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[])`,
      [messages.map((m) => m.topic), messages.map((m) => m.key), messages.map((m) => m.eventId), messages.map((m) => m.value)],
    );
    published.emit('published');
  }

  async subscribe(options: SubscriptionOptions, handle: BatchHandler): Promise<Subscription> {
    await this.ensureSchema();
    let running = true;
    const wakers = new Set<() => void>();
    const onPublish = () => wakers.forEach((wake) => wake());
    published.on('published', onPublish);
    const loops = options.topics.map((topic) => this.consumeTopic(options, topic, handle, () => running, wakers));
    const stop = async () => {
      running = false;
      published.off('published', onPublish);
      onPublish();
      await Promise.allSettled(loops);
      this.stops.delete(stop);
    };
    this.stops.add(stop);
    return { stop };
  }

  async close(): Promise<void> {
    await Promise.all([...this.stops].map((s) => s()));
    if (this.ownsPool) await this.pool.end();
  }

  private async consumeTopic(
    options: SubscriptionOptions,
    topic: string,
    handle: BatchHandler,
    isRunning: () => boolean,
    wakers: Set<() => void>,
  ): Promise<void> {
    // Nothing here may reject: this loop runs unawaited until `stop`, so a rejection would be
    // unhandled and end the process. A failure (the database is away) is waited out and retried.
    let lastId: number | undefined;
    while (isRunning()) {
      lastId ??= await this.committed(options, topic).catch(() => undefined);
      const handled = lastId === undefined ? undefined : await this.deliverBatch(options.groupId, topic, lastId, handle).catch(() => undefined);
      if (handled !== undefined && handled !== lastId) {
        lastId = handled;
        continue;
      }
      // Sleep until something is published here, or poll (a failed handler backs off longer).
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          wakers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, handled === undefined ? this.pollMs * 2 : this.pollMs);
        wakers.add(wake);
      });
    }
  }

  /** Hands the messages after `lastId` to `handle` as one batch, then commits; returns the new last id. */
  private async deliverBatch(groupId: string, topic: string, lastId: number, handle: BatchHandler): Promise<number> {
    const { rows } = await this.pool.query(
      'SELECT id, key, event_id, value FROM bus_log WHERE topic = $1 AND id > $2 ORDER BY id LIMIT 500',
      [topic, lastId],
    );
    if (rows.length === 0) return lastId;
    await handle(rows.map((row) => ({ topic, partition: 0, offset: String(row.id), key: row.key, eventId: row.event_id, value: row.value })));
    const last = Number(rows[rows.length - 1].id);
    await this.pool.query(
      `INSERT INTO bus_offsets (group_id, topic, last_id) VALUES ($1, $2, $3)
       ON CONFLICT (group_id, topic) DO UPDATE SET last_id = excluded.last_id`,
      [groupId, topic, last],
    );
    return last;
  }

  private async committed(options: SubscriptionOptions, topic: string): Promise<number> {
    const { rows } = await this.pool.query('SELECT last_id FROM bus_offsets WHERE group_id = $1 AND topic = $2', [
      options.groupId,
      topic,
    ]);
    if (rows.length > 0) return Number(rows[0].last_id);
    if (options.fromBeginning ?? true) return 0;
    const head = await this.pool.query('SELECT coalesce(max(id), 0) AS id FROM bus_log WHERE topic = $1', [topic]);
    return Number(head.rows[0].id);
  }

  /** The bus database is migrated by the launcher (`EMBEDDED_BUS_MIGRATIONS`): checked once, never created here. */
  private ensureSchema(): Promise<void> {
    this.ready ??= assertSchemaMigrated(this.pool, 'embedded bus', EMBEDDED_BUS_MIGRATIONS).catch((e) => {
      this.ready = undefined;
      throw e;
    });
    return this.ready;
  }
}
