/** A message on the event bus: the canonical JSON of one envelope, keyed by aggregate id. */
export interface OutgoingMessage {
  readonly topic: string;
  readonly key: string;
  readonly eventId: string;
  readonly value: Buffer;
  /** More headers where the bus has them (Kafka): the W3C trace context of the event's append. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface IncomingMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly eventId: string | null;
  readonly value: Buffer;
}

export interface SubscriptionOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly fromBeginning?: boolean;
  /**
   * The subscriber makes batches durable itself and says so with `Subscription.commit`: the bus
   * may deliver the next batches as soon as `handle` resolves, but never commits a position the
   * subscriber has not committed, so a crash or a rebalance redelivers from a durable point.
   * A bus that cannot do this ignores it and returns a subscription without `commit`.
   */
  readonly deferredCommit?: boolean;
}

/** The last message of a partition that a subscriber has made durable. */
export interface DurablePosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface Subscription {
  stop(): Promise<void>;
  /** Only with `deferredCommit`: the bus may now commit up to and including these messages. */
  commit?(positions: readonly DurablePosition[]): Promise<void>;
}

/**
 * The event bus as the kernel sees it: at-least-once, ordered per key. A handler that throws
 * gets the message again; `publish` resolves only once the bus holds every message.
 * Kafka (kafkajs) and the embedded, in-process bus implement it; handlers cannot tell which.
 */
export interface EventTransport {
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  /**
   * Delivers messages in batches, each from one topic-partition and in order; the batch counts
   * as handled (its offsets committed) only when `handle` resolves.
   */
  subscribe(options: SubscriptionOptions, handle: BatchHandler): Promise<Subscription>;
  /** Messages of a subscription not yet handled, when the bus can tell (consumer lag). */
  onLag?(listener: (groupId: string, topic: string, partition: number, lag: number) => void): void;
  close(): Promise<void>;
}

export type BatchHandler = (messages: readonly IncomingMessage[]) => Promise<void>;

export const EVENT_ID_HEADER = 'event-id';
