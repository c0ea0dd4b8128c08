import { EventEnvelope, EventRegistry } from '@custos/contracts';
import { Pool, PoolClient } from 'pg';
import { isTransientFailure } from '../errors';
import { KernelMetrics } from '../metrics';
import {
  blockedAggregates,
  listQuarantined,
  QuarantineReader,
  QuarantineResolution,
  quarantineEvent,
  resolveQuarantined,
} from '../quarantine/quarantine';
import { databaseOf, ReaderIdentity, readerFailed, readerLagged, readerSucceeded } from '../quarantine/reader-status';
import { EventStore } from '../store/event-store';
import { inTransaction } from '../store/sql';
import { EventTransport, IncomingMessage, Subscription } from '../transport/transport';

/** A consumer's effect: runs in the same transaction that records the event as processed. */
export type EventHandler = (event: EventEnvelope, tx: PoolClient) => Promise<void>;

export interface EventConsumerOptions {
  /** Inbox and dead-letter name, and the consumer group on the bus. */
  readonly name: string;
  readonly topics: readonly string[];
  readonly pool: Pool;
  readonly transport: EventTransport;
  readonly registry: EventRegistry;
  readonly handle: EventHandler;
  /** Attempts before a handler failure is quarantined (a database outage never counts). */
  readonly maxAttempts?: number;
  readonly metrics?: KernelMetrics;
  readonly onError?: (error: unknown, message: IncomingMessage) => void;
}

/** The longest pause between two attempts at a failing event (below the broker's session timeout). */
const MAX_RETRY_PAUSE_MS = 2000;

/**
 * The inbox: a handler's writes and the processed event id commit in one transaction, so a
 * redelivered or replayed event changes nothing. A malformed or unknown event is parked in
 * `es_dead_letters` with its reason and the partition moves on. An event whose handler keeps
 * failing (after `maxAttempts`, with a growing pause between them) is quarantined with its
 * error, and later events of the same aggregate wait behind it in the quarantine, so that no
 * aggregate's events are ever handled out of order; other aggregates go on. A transient
 * failure (the database is away) is retried without end and never quarantines anything.
 */
export class EventConsumer {
  private subscription?: Subscription;
  private readonly attempts = new Map<string, number>();
  private readonly lags = new Map<string, number>();
  private readonly identity: ReaderIdentity;

  constructor(private readonly options: EventConsumerOptions) {
    this.identity = { reader: options.name, kind: 'consumer', database: databaseOf(options.pool) };
  }

  async start(): Promise<void> {
    const { transport, name, topics, metrics } = this.options;
    transport.onLag?.((group, topic, partition, lag) => {
      if (group !== name) return;
      metrics?.consumerLag.set({ group, topic, partition: String(partition) }, lag);
      this.lags.set(`${topic}/${partition}`, lag);
      readerLagged(this.identity, [...this.lags.values()].reduce((a, b) => a + b, 0));
    });
    this.subscription = await transport.subscribe({ groupId: name, topics, fromBeginning: true }, (batch) => this.receive(batch));
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /**
   * One delivered batch, in order; exposed so a replay can feed messages through the same path.
   * The whole batch is one inbox transaction; if a handler fails, the batch is retried event by
   * event so that only the failing event is retried (and, past `maxAttempts`, parked).
   */
  async receive(messages: readonly IncomingMessage[]): Promise<void> {
    const events: EventEnvelope[] = [];
    for (const message of messages) {
      const decoded = this.decode(message);
      if (decoded.ok) events.push(decoded.event);
      else await this.deadLetter(message, decoded.reason, decoded.eventId);
    }
    if (events.length === 0) return;
    try {
      await this.apply(events);
    } catch (error) {
      if (events.length === 1) return this.retryOrPark(events[0], messages, error);
      for (const event of events) {
        await this.apply([event]).catch((e) => this.retryOrPark(event, messages, e));
      }
    }
    readerSucceeded(this.identity);
  }

  /**
   * An operator's replay or skip of an event this consumer quarantined; the decision is
   * appended to `store`, the consuming service's own log (see `resolveQuarantined`).
   */
  resolve(store: EventStore, resolution: QuarantineResolution): Promise<{ released: number; stillWaiting: number }> {
    return resolveQuarantined({ pool: this.options.pool, store, reader: this.options.name, apply: this.options.handle }, resolution);
  }

  /** This consumer as a reader an operator acts on, its decisions going to `store`. */
  quarantineReader(store: EventStore): QuarantineReader {
    return {
      name: this.options.name,
      quarantined: () => listQuarantined(this.options.pool, this.options.name),
      resolve: (resolution) => this.resolve(store, resolution),
    };
  }

  /** Handles the events not yet in the inbox, and records them there, in one transaction. */
  private async apply(events: readonly EventEnvelope[]): Promise<void> {
    const fresh = await inTransaction(this.options.pool, async (tx) => {
      const { rows } = await tx.query(
        `INSERT INTO es_inbox (consumer, event_id) SELECT $1, unnest($2::uuid[])
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.name, events.map((e) => e.id)],
      );
      const unseen = new Set(rows.map((r) => r.event_id as string));
      const fresh = events.filter((e) => unseen.has(e.id));
      const blocked = await blockedAggregates(tx, this.options.name, fresh.map((e) => e.aggregateId));
      let handled = 0;
      for (const event of fresh) {
        if (blocked.has(event.aggregateId)) {
          await quarantineEvent(tx, this.options.name, event, 'WAITING', `waits behind an earlier event of ${event.aggregateId}`);
          continue;
        }
        await this.options.handle(event, tx);
        handled++;
      }
      return handled;
    });
    events.forEach((e) => this.attempts.delete(e.id));
    if (fresh > 0) this.options.metrics?.consumed.inc({ consumer: this.options.name }, fresh);
  }

  private async retryOrPark(event: EventEnvelope, messages: readonly IncomingMessage[], error: unknown): Promise<void> {
    const message = messages.find((m) => m.eventId === event.id) ?? messages[0];
    this.options.onError?.(error, message);
    readerFailed(this.identity, error);
    const attempts = (this.attempts.get(event.id) ?? 0) + 1;
    this.attempts.set(event.id, attempts);
    if (isTransientFailure(error) || attempts < (this.options.maxAttempts ?? 5)) {
      await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempts, MAX_RETRY_PAUSE_MS)));
      throw error;
    }
    this.attempts.delete(event.id);
    await inTransaction(this.options.pool, async (tx) => {
      await tx.query('INSERT INTO es_inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [this.options.name, event.id]);
      await quarantineEvent(tx, this.options.name, event, 'FAILED', error);
    });
    this.options.metrics?.quarantined.inc({ reader: this.options.name });
  }

  private decode(message: IncomingMessage): { ok: true; event: EventEnvelope } | { ok: false; reason: string; eventId: string | null } {
    let raw: unknown;
    try {
      raw = JSON.parse(message.value.toString('utf8'));
    } catch {
      return { ok: false, reason: 'not JSON', eventId: message.eventId };
    }
    const result = this.options.registry.decode(raw);
    if (result.ok) return result;
    const id = (raw as { id?: unknown })?.id;
    return { ok: false, reason: result.reason, eventId: typeof id === 'string' ? id : message.eventId };
  }

  private async deadLetter(message: IncomingMessage, reason: string, eventId: string | null): Promise<void> {
    await this.options.pool.query(
      `INSERT INTO es_dead_letters (consumer, event_id, source, reason, raw) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (consumer, source) DO NOTHING`,
      [
        this.options.name,
        eventId,
        `${message.topic}/${message.partition}@${message.offset}`,
        reason,
        message.value.toString('utf8').slice(0, 1_000_000),
      ],
    );
    this.options.metrics?.deadLetters.inc({ consumer: this.options.name });
  }
}
