import { Consumer, Kafka, KafkaConfig, logLevel, Producer } from 'kafkajs';
import {
  EVENT_ID_HEADER,
  EventTransport,
  IncomingMessage,
  OutgoingMessage,
  Subscription,
  SubscriptionOptions,
} from './transport';

export interface KafkaTransportOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Extra kafkajs settings (tests pass a fault proxy's socketFactory here). */
  readonly kafka?: Partial<KafkaConfig>;
  /** Consumer-group timeouts; short ones make rebalances fast in tests. */
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
}

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
      ...options.kafka,
    });
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.connectedProducer();
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    await producer
      .sendBatch({
      acks: -1,
      timeout: 10000,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((m) => ({ key: m.key, value: m.value, headers: { [EVENT_ID_HEADER]: m.eventId } })),
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

  async subscribe(options: SubscriptionOptions, handle: (m: IncomingMessage) => Promise<void>): Promise<Subscription> {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10000,
      rebalanceTimeout: this.options.sessionTimeoutMs ?? 10000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 1000,
      allowAutoTopicCreation: true,
    });
    this.consumers.add(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: true,
      autoCommitThreshold: 100,
      autoCommitInterval: 1000,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
        for (const message of batch.messages) {
          if (!isRunning() || isStale()) break;
          const header = message.headers?.[EVENT_ID_HEADER];
          await handle({
            topic: batch.topic,
            partition: batch.partition,
            offset: message.offset,
            key: message.key?.toString('utf8') ?? null,
            eventId: header === undefined ? null : String(header),
            value: message.value ?? Buffer.alloc(0),
          });
          resolveOffset(message.offset);
          const lag = Number(BigInt(batch.highWatermark) - BigInt(message.offset) - 1n);
          this.lagListeners.forEach((l) => l(options.groupId, batch.topic, batch.partition, lag));
          await heartbeat();
        }
        await commitOffsetsIfNecessary();
      },
    });
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
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
