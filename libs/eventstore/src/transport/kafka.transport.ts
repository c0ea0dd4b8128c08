import { Consumer, Kafka, KafkaConfig, logLevel, Producer } from 'kafkajs';
import {
  BatchHandler,
  DurablePosition,
  EVENT_ID_HEADER,
  EventTransport,
  OutgoingMessage,
  Subscription,
  SubscriptionOptions,
} from './transport';
import { KafkaSecurity, kafkaClientSecurity } from './kafka-security';

export interface KafkaTransportOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** TLS and SASL towards the brokers (KAFKA_SSL*, KAFKA_SASL_*); none: plaintext. */
  readonly security?: KafkaSecurity;
  /** Extra kafkajs settings (tests pass a fault proxy's socketFactory here). */
  readonly kafka?: Partial<KafkaConfig>;
  /** Consumer-group timeouts; short ones make rebalances fast in tests. */
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /**
   * Partitions whose batches a subscriber handles at the same time (kafkajs
   * `partitionsConsumedConcurrently`); order within a partition is kept either way. A handler
   * that groups concurrent deliveries into one transaction (the ledger) needs more than 1.
   */
  readonly partitionsConsumedConcurrently?: number;
  /** Longest a fetch may wait on the broker for new messages. */
  readonly maxFetchWaitMs?: number;
}

/** Most messages handed to a handler at once (one inbox transaction). */
const MAX_HANDLER_BATCH = 500;
/** Partitions a deferred-commit subscriber takes at once: queuing a batch is cheap, so all of them. */
const DEFERRED_PARTITIONS = 64;

/**
 * The only place that knows kafkajs. Correctness never rests on Kafka transactions or the
 * idempotent producer (the Kafka-protocol mock used in tests supports neither): publishing is
 * at-least-once with acks=all, and consumers de-duplicate by event id in their inbox.
 */
export class KafkaTransport implements EventTransport {
  private readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private readonly consumers = new Set<Consumer>();
  private readonly lagListeners: ((g: string, t: string, p: number, lag: number) => void)[] = [];

  constructor(private readonly options: KafkaTransportOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3000,
      requestTimeout: 10000,
      retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 2000 },
      ...kafkaClientSecurity(options.security),
      ...options.kafka,
    });
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.connectedProducer();
    const byTopic = new Map<string, OutgoingMessage[]>();
    // Grouped in one pass (copying the list per message was quadratic in the relay's batch).
    for (const m of messages) {
      const list = byTopic.get(m.topic);
      if (list) list.push(m);
      else byTopic.set(m.topic, [m]);
    }
    await producer
      .sendBatch({
        acks: -1,
        timeout: 10000,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic,
          messages: list.map((m) => ({ key: m.key, value: m.value, headers: { ...m.headers, [EVENT_ID_HEADER]: m.eventId } })),
        })),
      })
      .catch(async (error) => {
        // After a broken connection, start the next attempt from a fresh producer.
        if (this.producer) {
          this.producer = undefined;
          await producer.disconnect().catch(() => undefined);
        }
        throw error;
      });
  }

  async subscribe(options: SubscriptionOptions, handle: BatchHandler): Promise<Subscription> {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10000,
      rebalanceTimeout: this.options.sessionTimeoutMs ?? 10000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 1000,
      allowAutoTopicCreation: true,
      // Kafka answers a fetch as soon as data arrives, so this only bounds idle polls; the
      // librdkafka mock used in tests ignores minBytes and always waits it out, so it is also
      // the floor of append-to-consumer latency there.
      maxWaitTimeInMs: this.options.maxFetchWaitMs ?? 25,
    });
    this.consumers.add(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true });
    // Deferred: `handle` only queues the batch, so kafkajs fetches on while the subscriber's
    // transaction runs; offsets reach the broker only through `commit`, once durable.
    const deferred = options.deferredCommit === true;
    await consumer.run({
      autoCommit: !deferred,
      autoCommitThreshold: 1000,
      autoCommitInterval: 1000,
      eachBatchAutoResolve: false,
      // Partitions are independent streams of aggregates: handle them side by side.
      partitionsConsumedConcurrently:
        this.options.partitionsConsumedConcurrently ?? (deferred ? DEFERRED_PARTITIONS : 2),
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
        for (let i = 0; i < batch.messages.length; i += MAX_HANDLER_BATCH) {
          if (!isRunning() || isStale()) break;
          const chunk = batch.messages.slice(i, i + MAX_HANDLER_BATCH).map((message) => {
            const header = message.headers?.[EVENT_ID_HEADER];
            return {
              topic: batch.topic,
              partition: batch.partition,
              offset: message.offset,
              key: message.key?.toString('utf8') ?? null,
              eventId: header === undefined ? null : String(header),
              value: message.value ?? Buffer.alloc(0),
            };
          });
          await handle(chunk);
          const last = chunk[chunk.length - 1].offset;
          resolveOffset(last);
          const lag = Number(BigInt(batch.highWatermark) - BigInt(last) - 1n);
          this.lagListeners.forEach((l) => l(options.groupId, batch.topic, batch.partition, lag));
          await heartbeat();
        }
        if (!deferred) await commitOffsetsIfNecessary();
      },
    });
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
      ...(deferred && {
        commit: (positions: readonly DurablePosition[]) =>
          consumer.commitOffsets(
            positions.map((p) => ({
              topic: p.topic,
              partition: p.partition,
              offset: (BigInt(p.offset) + 1n).toString(),
            })),
          ),
      }),
    };
  }

  onLag(listener: (groupId: string, topic: string, partition: number, lag: number) => void): void {
    this.lagListeners.push(listener);
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.consumers].map((c) => c.disconnect()));
    this.consumers.clear();
    const producer = this.producer;
    this.producer = undefined;
    if (producer) await producer.then((p) => p.disconnect()).catch(() => undefined);
  }

  private connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({ allowAutoTopicCreation: true, maxInFlightRequests: 1 });
      this.producer = producer.connect().then(
        () => producer,
        (e) => {
          this.producer = undefined;
          throw e;
        },
      );
    }
    return this.producer;
  }
}
