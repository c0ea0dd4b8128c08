import { randomUUID } from 'node:crypto';
import { Principal, principalToActor } from '@custos/auth';
import { EventEnvelope, registryStreamOf } from '@custos/contracts';
import { Result } from '@custos/domain';
import { currentCorrelationId, orRefuse } from '@custos/platform';
import { EventStore } from '@custos/eventstore';
import { Inject, Injectable } from '@nestjs/common';
import { REGISTRY_EVENT_STORE } from '../../registry.tokens';
import { REGISTRY_CLOCK } from './registry-aggregates';
import { eventKeysOf, PublishedEventKey } from '../../domain/event-keys';

/**
 * A service's `event-keys:<service>` stream (issue 16): read to decide, appended at the version
 * decided against, so two operators registering or revoking at once get one winner.
 */
export class EventKeyStream {
  private constructor(
    private readonly store: EventStore,
    private readonly stream: string,
    readonly events: readonly EventEnvelope[],
  ) {}

  static async read(store: EventStore, service: string): Promise<EventKeyStream> {
    const stream = registryStreamOf.eventKeys(service);
    return new EventKeyStream(store, stream, await store.readStream(stream));
  }

  async append(type: string, payload: object, principal: Principal): Promise<void> {
    await this.store.append({
      aggregateId: this.stream,
      expectedVersion: this.events.length,
      events: [
        {
          type,
          schemaVersion: 1,
          payload: { ...payload } as Record<string, unknown>,
          actor: principalToActor(principal),
          correlationId: currentCorrelationId() ?? randomUUID(),
        },
      ],
    });
  }
}

/** The registry's event-key streams and its clock: what the key use cases decide on. */
@Injectable()
export class EventKeyStreams {
  constructor(
    @Inject(REGISTRY_EVENT_STORE) private readonly store: EventStore,
    @Inject(REGISTRY_CLOCK) readonly now: () => Date,
  ) {}

  /** Decides on the service's keys as they stand and records the fact decided as `type`, or refuses (nothing appended). */
  async change<T extends object>(service: string, principal: Principal, type: string, decide: (keys: readonly PublishedEventKey[]) => Result<T>): Promise<T> {
    const stream = await EventKeyStream.read(this.store, service);
    const fact = orRefuse(decide(eventKeysOf(stream.events)));
    await stream.append(type, fact, principal);
    return fact;
  }
}
