import { EventEnvelope, EventRegistry } from '@custos/contracts';
import { Pool, PoolClient } from 'pg';
import { isTransientFailure } from '../errors';
import { KernelMetrics, kernelMetricsOf } from '../metrics';
import {
  listQuarantined,
  QuarantineReader,
  QuarantineResolution,
  quarantineEvent,
  resolveQuarantined,
} from '../quarantine/quarantine';
import { databaseOf, ReaderIdentity, readerFailed, readerLagged, readerSucceeded } from '../quarantine/reader-status';
import { alarmRefusedEvent, envelopeVerifier, EnvelopeVerifier, SignatureCheck } from '../signing/envelope-signing';
import { EventStore } from '../store/event-store';
import { inEventSpan } from '../tracing/event-trace';
import { GroupCommit } from '../store/group-commit';
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
  /** Called with the events a transaction handled, once it has committed (benchmarks, tracing). */
  readonly onCommitted?: (events: readonly EventEnvelope[]) => void;
  /**
   * Checks each event's signature before anything else (issue 16); a refused event is
   * dead-lettered with its code, counted and alarmed, and the partition moves on. Default:
   * the process's verifier (`useEnvelopeVerifier`), else unsigned events are accepted.
   */
  readonly verifier?: EnvelopeVerifier;
  /**
   * The handlers' appends go with the inbox transaction's COMMIT (`inTransaction`'s `atCommit`):
   * only for handlers that read the log through the store (which sees them), never by SQL.
   */
  readonly appendsAtCommit?: boolean;
}


/** Work of one reader inside a shared inbox transaction; returns what to do after the commit. */
type InboxWork = (tx: PoolClient) => Promise<() => void>;

/**
 * One commit for the consumers of a process: work that arrives while an inbox transaction of
 * the same pool is committing shares the next one, so one fsync serves every consumer and
 * every partition that had something. A failure rejects the whole group; each consumer then
 * redoes its own work alone (see `EventConsumer.drain`).
 */
const inboxCommits = new WeakMap<Pool, Map<boolean, GroupCommit<InboxWork, () => void>>>();

/** The pool's shared inbox commit; consumers whose appends wait for the commit share one of their own. */
function inboxCommitOf(pool: Pool, atCommit: boolean): GroupCommit<InboxWork, () => void> {
  const commits = inboxCommits.get(pool) ?? new Map<boolean, GroupCommit<InboxWork, () => void>>();
  inboxCommits.set(pool, commits);
  let commit = commits.get(atCommit);
  if (!commit) {
    commit = new GroupCommit<InboxWork, () => void>(
      (works) =>
        inTransaction(
          pool,
          async (tx) => {
            const after: (() => void)[] = [];
            for (const work of works) after.push(await work(tx));
            return after;
          },
          { atCommit },
        ),
      64,
    );
    commits.set(atCommit, commit);
  }
  return commit;
}

interface Delivery {
  readonly messages: readonly IncomingMessage[];
  readonly done: { resolve(): void; reject(error: unknown): void };
}

/** The longest pause between two attempts at a failing event (below the broker's session timeout). */
const MAX_RETRY_PAUSE_MS = 2000;
/** Messages a deferred-commit consumer queues before the bus has to wait for its inbox. */
const MAX_QUEUED_MESSAGES = 5000;

/**
 * The inbox: a handler's writes and the processed event id commit in one transaction, so a
 * redelivered or replayed event changes nothing. A malformed or unknown event is parked in
 * `es_dead_letters` with its reason and the partition moves on. An event whose handler keeps
 * failing (after `maxAttempts`, with a growing pause between them) is quarantined with its
 * error, and later events of the same aggregate wait behind it in the quarantine, so that no
 * aggregate's events are ever handled out of order; other aggregates go on. A transient
 * failure (the database is away) is retried without end and never quarantines anything.
 *
 * Delivered batches wait in one queue and are applied in order, everything queued at once in
 * one transaction, shared with the other consumers of the pool. When the bus supports it
 * (`deferredCommit`), it fetches on while that transaction runs and commits a partition's
 * offset only after the inbox holds it: a crash or rebalance redelivers from a durable point
 * and the inbox drops what it already has.
 */
export class EventConsumer {
  private subscription?: Subscription;
  private running = false;
  private queue: Delivery[] = [];
  private queued = 0;
  private draining?: Promise<void>;
  private readonly roomWaiters: (() => void)[] = [];
  /** Per topic-partition, the last offset queued, so a redelivery of queued messages is dropped. */
  private readonly queuedUpTo = new Map<string, bigint>();
  /** Per topic-partition, the last durable message whose position is not yet sent to the bus. */
  private readonly unacknowledged = new Map<string, IncomingMessage>();
  private acknowledging?: Promise<void>;
  private readonly attempts = new Map<string, number>();
  private readonly lags = new Map<string, number>();
  private readonly identity: ReaderIdentity;

  constructor(private readonly options: EventConsumerOptions) {
    // Without metrics of its own, those of the kernel that owns its pool (`useKernelMetrics`).
    this.options = { ...options, metrics: options.metrics ?? kernelMetricsOf(options.pool) };
    this.identity = { reader: options.name, kind: 'consumer', database: databaseOf(options.pool) };
  }

  async start(): Promise<void> {
    const { transport, name, topics, metrics } = this.options;
    transport.onLag?.((group, topic, partition, lag) => {
      if (group !== name) return;
      metrics?.consumerLag.set({ group, topic, partition: String(partition) }, lag);
      this.lags.set(`${topic}/${partition}`, lag);
      readerLagged(
        this.identity,
        [...this.lags.values()].reduce((a, b) => a + b, 0),
      );
    });
    this.running = true;
    this.queuedUpTo.clear();
    this.subscription = await transport.subscribe(
      { groupId: name, topics, fromBeginning: true, deferredCommit: true },
      (batch) => this.deliver(batch),
    );
  }

  async stop(): Promise<void> {
    this.running = false;
    this.roomWaiters.splice(0).forEach((wake) => wake());
    await this.draining;
    await this.acknowledging;
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /**
   * Queues a delivered batch. With a deferred-commit bus it resolves as soon as there is room
   * (the offsets go to the bus after the commit); otherwise once the batch is committed.
   */
  private deliver(messages: readonly IncomingMessage[]): Promise<void> {
    // Stopping: with a deferred-commit bus nothing of this batch is committed, so it comes again.
    if (!this.running)
      return this.subscription?.commit
        ? Promise.resolve()
        : Promise.reject(new Error(`consumer ${this.options.name} stopped`));
    const fresh = messages.filter((m) => {
      const key = `${m.topic}/${m.partition}`;
      const last = this.queuedUpTo.get(key);
      if (last !== undefined && BigInt(m.offset) <= last) return false;
      this.queuedUpTo.set(key, BigInt(m.offset));
      return true;
    });
    if (fresh.length === 0) return Promise.resolve();
    const committed = new Promise<void>((resolve, reject) =>
      this.queue.push({ messages: fresh, done: { resolve, reject } }),
    );
    this.queued += fresh.length;
    this.kick();
    if (!this.subscription?.commit) return committed;
    committed.catch(() => undefined);
    if (this.queued < MAX_QUEUED_MESSAGES) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /**
   * Starts draining unless a drain runs. A batch queued after the drain saw its queue empty but
   * before it ended starts the next one, so nothing waits for a later delivery.
   */
  private kick(): void {
    if (this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.running && this.queue.length > 0) this.kick();
    });
  }

  /** Applies everything queued, in order, until the queue is empty or the consumer stops. */
  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const deliveries = this.queue.splice(0);
      try {
        const after = await inboxCommitOf(this.options.pool, this.options.appendsAtCommit === true).submit((tx) =>
          this.applyAll(
            tx,
            deliveries.flatMap((d) => d.messages),
          ),
        );
        after();
      } catch {
        // The shared transaction failed (here or in another consumer): each batch alone, by the
        // path that retries, dead-letters and quarantines event by event.
        for (let i = 0; i < deliveries.length; i++) {
          if (!(await this.receiveUntilDone(deliveries[i].messages))) {
            this.abandon(deliveries.slice(i));
            return;
          }
        }
      }
      this.queued -= deliveries.reduce((n, d) => n + d.messages.length, 0);
      this.roomWaiters.splice(0).forEach((wake) => wake());
      deliveries.forEach((d) => d.done.resolve());
      this.acknowledge(deliveries);
    }
  }

  /** Retries one batch until it is in the inbox; false when the consumer stopped first. */
  private async receiveUntilDone(messages: readonly IncomingMessage[]): Promise<boolean> {
    for (;;) {
      try {
        await this.receive(messages);
        return true;
      } catch {
        if (!this.running) return false;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** Drops what is queued when stopping: its offsets were never committed, so the bus redelivers it. */
  private abandon(deliveries: readonly Delivery[]): void {
    const stopped = new Error(`consumer ${this.options.name} stopped`);
    for (const d of [...deliveries, ...this.queue.splice(0)]) d.done.reject(stopped);
    this.queued = 0;
    this.queuedUpTo.clear();
  }

  /**
   * Tells a deferred-commit bus how far each partition is durable, beside the next inbox
   * transaction rather than before it: the round trip to the broker never delays an event. One
   * request at a time, with the latest position of each partition, so offsets only move forward;
   * a failure is retried with the next commit.
   */
  private acknowledge(deliveries: readonly Delivery[]): void {
    if (!this.subscription?.commit) return;
    for (const m of deliveries.flatMap((d) => d.messages)) this.unacknowledged.set(`${m.topic}/${m.partition}`, m);
    this.acknowledging ??= this.sendAcknowledgements().finally(() => (this.acknowledging = undefined));
  }

  private async sendAcknowledgements(): Promise<void> {
    while (this.unacknowledged.size > 0) {
      const commit = this.subscription?.commit;
      const last = [...this.unacknowledged.values()];
      this.unacknowledged.clear();
      if (!commit) return;
      await commit(last.map(({ topic, partition, offset }) => ({ topic, partition, offset }))).catch((error) =>
        this.options.onError?.(error, last[0]),
      );
    }
  }

  /** Decodes and applies `messages` inside `tx`; returns what to record once it commits. */
  private async applyAll(tx: PoolClient, messages: readonly IncomingMessage[]): Promise<() => void> {
    const events: EventEnvelope[] = [];
    const dead: { message: IncomingMessage; reason: string; eventId: string | null }[] = [];
    for (const message of messages) {
      const decoded = this.decode(message);
      if (decoded.ok) events.push(decoded.event);
      else dead.push({ message, ...decoded });
    }
    for (const d of dead) await this.deadLetter(d.message, d.reason, d.eventId, tx);
    const handled = await this.applyIn(tx, events);
    return () => this.committed(events, handled, dead.length);
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
      else {
        await this.deadLetter(message, decoded.reason, decoded.eventId, this.options.pool);
        this.options.metrics?.deadLetters.inc({ consumer: this.options.name });
      }
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
    return resolveQuarantined(
      { pool: this.options.pool, store, reader: this.options.name, apply: this.options.handle },
      resolution,
    );
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
    const handled = await inTransaction(this.options.pool, (tx) => this.applyIn(tx, events), { atCommit: this.options.appendsAtCommit });
    this.committed(events, handled, 0);
  }

  private committed(events: readonly EventEnvelope[], handled: readonly EventEnvelope[], deadLetters: number): void {
    events.forEach((e) => this.attempts.delete(e.id));
    const { metrics, name, onCommitted } = this.options;
    if (deadLetters > 0) metrics?.deadLetters.inc({ consumer: name }, deadLetters);
    if (handled.length > 0) metrics?.consumed.inc({ consumer: name }, handled.length);
    if (events.length > 0) readerSucceeded(this.identity);
    onCommitted?.(handled);
  }

  /** The inbox step inside `tx`: records the events, handles the unseen ones, returns those handled. */
  private async applyIn(tx: PoolClient, events: readonly EventEnvelope[]): Promise<EventEnvelope[]> {
    if (events.length === 0) return [];
    // One round trip: the ids the inbox did not hold yet, and which of the batch's aggregates
    // wait in the quarantine (as `blockedAggregates`, read before this batch quarantines any).
    const { rows } = await tx.query(
      `WITH fresh AS (
         INSERT INTO es_inbox (consumer, event_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id
       )
       SELECT ARRAY(SELECT event_id::text FROM fresh) AS fresh,
              ARRAY(SELECT DISTINCT aggregate_id FROM es_quarantine WHERE reader = $1 AND aggregate_id = ANY($3)) AS blocked`,
      [this.options.name, events.map((e) => e.id), [...new Set(events.map((e) => e.aggregateId))]],
    );
    const unseen = new Set(rows[0].fresh as string[]);
    // Taken once: a relay restarted mid-batch can deliver one event twice in the same batch.
    const fresh = events.filter((e) => unseen.delete(e.id));
    const blocked = new Set(rows[0].blocked as string[]);
    const handled: EventEnvelope[] = [];
    for (const event of fresh) {
      if (blocked.has(event.aggregateId)) {
        await quarantineEvent(
          tx,
          this.options.name,
          event,
          'WAITING',
          `waits behind an earlier event of ${event.aggregateId}`,
        );
        continue;
      }
      await inEventSpan(this.options.name, event, () => this.options.handle(event, tx));
      handled.push(event);
    }
    return handled;
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
      await tx.query('INSERT INTO es_inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        this.options.name,
        event.id,
      ]);
      await quarantineEvent(tx, this.options.name, event, 'FAILED', error);
    });
    this.options.metrics?.quarantined.inc({ reader: this.options.name });
  }

  private decode(
    message: IncomingMessage,
  ): { ok: true; event: EventEnvelope } | { ok: false; reason: string; eventId: string | null } {
    let raw: unknown;
    try {
      raw = JSON.parse(message.value.toString('utf8'));
    } catch {
      return { ok: false, reason: 'not JSON', eventId: message.eventId };
    }
    const id = (raw as { id?: unknown })?.id;
    const eventId = typeof id === 'string' ? id : message.eventId;
    const signature = this.checkSignature(raw);
    if (!signature.ok) {
      const { name, metrics } = this.options;
      alarmRefusedEvent(name, `${message.topic}/${message.partition}@${message.offset}`, eventId, signature);
      metrics?.refusedEvents.inc({ consumer: name, code: signature.code });
      return { ok: false, reason: `${signature.code}: ${signature.reason}`, eventId };
    }
    // A verified signature means the producing store validated the payload (see `decode`).
    const result = this.options.registry.decode(raw, { payloadChecked: signature.signed });
    if (result.ok) return result;
    return { ok: false, reason: result.reason, eventId };
  }

  private checkSignature(raw: unknown): SignatureCheck {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: true, signed: false };
    return (this.options.verifier ?? envelopeVerifier()).check(raw);
  }

  private async deadLetter(
    message: IncomingMessage,
    reason: string,
    eventId: string | null,
    db: Pool | PoolClient,
  ): Promise<void> {
    await db.query(
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
  }
}
