import { eventTopic } from '@custos/contracts';
import { Client, ClientConfig } from 'pg';
import { APPENDED_CHANNEL } from '../store/event-store';
import { EventTransport } from '../transport/transport';
import { KernelMetrics } from '../metrics';
import { EnvelopeSigner, envelopeSignerOf } from '../signing/envelope-signing';
import { endSpan, startPublishSpan, traceHeadersOf } from '../tracing/event-trace';

export interface OutboxRelayOptions {
  readonly service: string;
  /** Connection settings for the relay's own session: it holds the lease and listens. */
  readonly connection: ClientConfig;
  readonly transport: EventTransport;
  readonly topicPrefix?: string;
  readonly batchSize?: number;
  /** How long to wait for new events when nothing woke the relay. */
  readonly idlePollMs?: number;
  readonly maxBackoffMs?: number;
  readonly metrics?: KernelMetrics;
  readonly onError?: (error: unknown) => void;
  /**
   * Signs each envelope as it is published (issue 16); by default the process's signer of the
   * service (EVENT_SIGNING_KEY); without one the stored bytes go out as they are.
   */
  readonly signer?: EnvelopeSigner;
}

/**
 * Publishes the event log to the bus, in sequence order, at least once.
 *
 * Lease: only the holder of a session-level advisory lock publishes, so two relay instances
 * never interleave and per-aggregate order survives fail-over; the lock dies with the holder's
 * connection (crash, kill -9), and a standby takes over. Position: advanced only after the bus
 * acknowledged a batch, so a crash in between republishes the batch (consumers de-duplicate by
 * event id) and loses nothing. A failed publish is retried with exponential backoff, from the
 * same position, so a later event of an aggregate is never sent before an earlier one.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private client?: Client;
  private leader = false;
  /** Last published sequence; only the lease holder moves it, so it is cached while leading. */
  private position?: number;
  private wake?: () => void;
  private readonly lockKey: string;

  constructor(private readonly options: OutboxRelayOptions) {
    this.lockKey = `custos.relay.${options.service}`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Publishes until the log is drained once (tests and benchmarks); needs the lease. */
  async drain(): Promise<number> {
    const client = await this.connect();
    try {
      if (!(await this.tryLease(client))) throw new Error(`another relay of ${this.options.service} holds the lease`);
      this.position = undefined;
      let total = 0;
      for (;;) {
        const sent = await this.publishBatch(client);
        if (sent === 0) return total;
        total += sent;
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async run(): Promise<void> {
    let backoff = 100;
    while (this.running) {
      try {
        const client = (this.client ??= await this.connect());
        if (!this.leader) {
          this.leader = await this.tryLease(client);
          this.position = undefined;
        }
        if (!this.leader) {
          await this.sleep(1000);
          continue;
        }
        const sent = await this.publishBatch(client);
        backoff = 100;
        if (sent === 0) await this.sleep(this.options.idlePollMs ?? 1000);
      } catch (error) {
        this.options.onError?.(error);
        this.options.metrics?.publishFailures.inc({ service: this.options.service });
        await this.dropClientIfBroken();
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 5000);
      }
    }
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private async connect(): Promise<Client> {
    const client = new Client(this.options.connection);
    client.on('error', () => undefined);
    client.on('notification', () => this.wake?.());
    await client.connect();
    // The position only saves work: one lost in a crash republishes a batch, which consumers
    // drop by event id. So its update need not wait for the WAL flush (one fsync less per batch).
    await client.query('SET synchronous_commit TO off');
    await client.query(`LISTEN ${APPENDED_CHANNEL}`);
    return client;
  }

  private async tryLease(client: Client): Promise<boolean> {
    const { rows } = await client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS held', [this.lockKey]);
    return rows[0].held === true;
  }

  private async publishBatch(client: Client): Promise<number> {
    this.position ??= Number((await client.query('SELECT position FROM es_relay_position')).rows[0].position);
    const { rows } = await client.query(
      `SELECT sequence, id, aggregate_id, envelope::text AS canonical, (SELECT last FROM es_sequence) AS head
       FROM es_events WHERE sequence > $1 ORDER BY sequence LIMIT $2`,
      [this.position, this.options.batchSize ?? 500],
    );
    const labels = { service: this.options.service };
    if (rows.length === 0) {
      this.options.metrics?.outboxBacklog.set(labels, 0);
      return 0;
    }
    this.options.metrics?.outboxBacklog.set(labels, Number(rows[0].head) - this.position);
    const topic = eventTopic(this.options.service, this.options.topicPrefix);
    const signer = this.options.signer ?? envelopeSignerOf(this.options.service);
    const span = startPublishSpan(this.options.service, topic, rows.map((r) => r.canonical as string));
    await this.options.transport.publish(
      rows.map((r) => ({
        topic,
        key: r.aggregate_id,
        eventId: r.id,
        value: signer ? signer.sign(JSON.parse(r.canonical)) : Buffer.from(r.canonical, 'utf8'),
        ...traceHeadersOf(r.canonical),
      })),
    ).then(
      () => endSpan(span),
      (error: unknown) => {
        endSpan(span, error);
        throw error;
      },
    );
    const last = Number(rows[rows.length - 1].sequence);
    await client.query('UPDATE es_relay_position SET position = $1 WHERE position < $1', [last]);
    this.position = last;
    this.options.metrics?.published.inc(labels, rows.length);
    this.options.metrics?.outboxBacklog.set(labels, Number(rows[0].head) - last);
    return rows.length;
  }

  private async dropClientIfBroken(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const alive = await client.query('SELECT 1').then(
      () => true,
      () => false,
    );
    if (!alive) {
      this.client = undefined;
      this.leader = false;
      this.position = undefined;
      await client.end().catch(() => undefined);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
