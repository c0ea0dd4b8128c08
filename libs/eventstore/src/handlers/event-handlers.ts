import { EventEnvelope, EventRegistry, eventTopic, EventType, PayloadOf } from '@custos/contracts';
import { Logger } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { EventConsumer, EventHandler } from '../consumer/event-consumer';
import { Projection } from '../projection/projection';
import { EventTransport } from '../transport/transport';

/**
 * What a projection or consumer does with one event type: its payload typed as the contracts
 * declare it (`PayloadOf`), the envelope for the rest (id, aggregate, actor, sequence), and the
 * reader's context (the transaction). What a handler returns is the dispatcher's answer (a
 * projection's or consumer's is ignored).
 */
export type HandlerOf<T extends EventType, C, R = unknown> = (
  payload: PayloadOf<T>,
  event: EventEnvelope,
  context: C,
) => R | Promise<R>;

/**
 * A reader's handlers, one per event type it reads: `{ [REQUEST_FILED]: (p, e, tx) => … }`. A
 * handler whose payload parameter is not its key's payload does not compile.
 */
export type EventHandlers<C, R = unknown> = { readonly [T in EventType]?: HandlerOf<T, C, R> };

type AnyHandler<C, R> = (payload: object, event: EventEnvelope, context: C) => R | Promise<R>;

/** Whether `handlers` has one for `type` (its own key: never one of Object's). */
export function handlesType(handlers: EventHandlers<never, unknown>, type: string): boolean {
  return Object.hasOwn(handlers, type);
}

/**
 * Hands `event` to the handler of its type; an event of a type without one is ignored
 * (undefined). The payload is given as its type's: the reader's `EventRegistry` decoded it
 * (upcast to the current version and validated against that very class), as the event store
 * did before it was appended.
 */
export async function dispatchEvent<C, R>(
  handlers: EventHandlers<C, R>,
  event: EventEnvelope,
  context: C,
): Promise<R | undefined> {
  if (!handlesType(handlers, event.type)) return undefined;
  const handler = (handlers as Readonly<Record<string, AnyHandler<C, R>>>)[event.type];
  return handler(event.payload, event, context);
}

/** A consumer's `handle` that dispatches by type (see `dispatchEvent`). */
export function handleByType(handlers: EventHandlers<PoolClient, unknown>): EventHandler {
  return async (event, tx) => void (await dispatchEvent(handlers, event, tx));
}

/** A projection whose `apply` dispatches by type (see `dispatchEvent`). */
export function projectionOf(
  definition: Omit<Projection, 'apply'> & { readonly handlers: EventHandlers<PoolClient, unknown> },
): Projection {
  const { handlers, ...projection } = definition;
  return { ...projection, apply: (event, tx) => dispatchEvent(handlers, event, tx).then(() => undefined) };
}

/** Where a service's consumer of another service's topic runs (what its module gives it). */
export interface TopicConsumerOptions {
  /** Inbox and dead-letter name, and the consumer group on the bus. */
  readonly name: string;
  readonly pool: Pool;
  readonly transport: EventTransport;
  readonly topicPrefix?: string;
}

/**
 * A consumer of one other service's topic, through the inbox (see `EventConsumer`). A type its
 * `registry` does not know is a dead letter; a known type `handle` has no handler for is ignored.
 */
export function topicConsumer(
  options: TopicConsumerOptions & {
    /** The service whose topic is read. */
    readonly from: string;
    readonly registry: EventRegistry;
    readonly handle: EventHandler;
    /** The reading service's log context, and what it says of an event it could not apply. */
    readonly log: { readonly context: string; readonly failure: string };
    /** See `EventConsumerOptions.appendsAtCommit`. */
    readonly appendsAtCommit?: boolean;
  },
): EventConsumer {
  const logger = new Logger(options.log.context);
  return new EventConsumer({
    name: options.name,
    topics: [eventTopic(options.from, options.topicPrefix)],
    pool: options.pool,
    transport: options.transport,
    registry: options.registry,
    handle: options.handle,
    appendsAtCommit: options.appendsAtCommit,
    onError: (error) => logger.error({ msg: options.log.failure, reason: String((error as Error)?.message ?? error) }),
  });
}
