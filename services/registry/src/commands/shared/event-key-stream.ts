import { randomUUID } from 'node:crypto';
import { Principal, principalToActor } from '@custos/auth';
import { EventEnvelope, registryStreamOf } from '@custos/contracts';
import { currentCorrelationId } from '@custos/platform';
import { RegistryContext } from '../../registry.context';

/**
 * A service's `event-keys:<service>` stream (issue 16): read to decide, appended at the version
 * decided against, so two operators registering or revoking at once get one winner.
 */
export class EventKeyStream {
  private constructor(
    private readonly registry: RegistryContext,
    private readonly stream: string,
    readonly events: readonly EventEnvelope[],
  ) {}

  static async read(registry: RegistryContext, service: string): Promise<EventKeyStream> {
    const stream = registryStreamOf.eventKeys(service);
    return new EventKeyStream(registry, stream, await registry.store.readStream(stream));
  }

  async append(type: string, payload: object, principal: Principal): Promise<void> {
    await this.registry.store.append({
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
