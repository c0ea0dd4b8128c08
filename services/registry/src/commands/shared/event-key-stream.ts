import { randomUUID } from 'node:crypto';
import { Principal, principalToActor } from '@custos/auth';
import { EventEnvelope, registryStreamOf } from '@custos/contracts';
import { currentCorrelationId } from '@custos/platform';
import { EventStore } from '@custos/eventstore';

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
