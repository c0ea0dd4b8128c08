import { randomUUID } from 'node:crypto';
import { Principal, principalToActor } from '@custos/auth';
import { EventEnvelope, registryStreamOf } from '@custos/contracts';
import { Result } from '@custos/domain';
import { currentCorrelationId, orRefuse } from '@custos/platform';
import { EventStore } from '@custos/eventstore';
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

  private static async read(store: EventStore, service: string): Promise<EventKeyStream> {
    const stream = registryStreamOf.eventKeys(service);
    return new EventKeyStream(store, stream, await store.readStream(stream));
  }

  /** Decides on the service's keys as they stand and records the fact decided as `type`, or refuses (nothing appended). */
  static async change<T extends object>(
    store: EventStore,
    service: string,
    principal: Principal,
    type: string,
    decide: (keys: readonly PublishedEventKey[]) => Result<T>,
  ): Promise<T> {
    const stream = await EventKeyStream.read(store, service);
    const fact = orRefuse(decide(eventKeysOf(stream.events)));
    await stream.append(type, fact, principal);
    return fact;
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
