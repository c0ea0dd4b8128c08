import { randomUUID } from 'node:crypto';
import { principalToActor } from '@custos/auth';
import { EventKeyRevoked, REGISTRY_EVENT_KEY_REVOKED, registryStreamOf } from '@custos/contracts';
import { currentCorrelationId } from '@custos/platform';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { eventKeysOf, revokeEventKey } from '../../domain/event-keys';
import { orRefuse, RegistryContext } from '../../registry.context';
import { RevokeEventKeyCommand } from './revoke-event-key.command';

/** A service's event-signing key is revoked from now on (issue 16): readers refuse what it signs. */
@CommandHandler(RevokeEventKeyCommand)
export class RevokeEventKeyHandler implements ICommandHandler<RevokeEventKeyCommand, EventKeyRevoked> {
  constructor(private readonly registry: RegistryContext) {}

  async execute({ principal, service, kid, reason }: RevokeEventKeyCommand): Promise<EventKeyRevoked> {
    const stream = registryStreamOf.eventKeys(service);
    const events = await this.registry.store.readStream(stream);
    const revocation = orRefuse(revokeEventKey(eventKeysOf(events), { service, kid, revokedAt: this.registry.now().toISOString(), reason }));
    await this.registry.store.append({
      aggregateId: stream,
      expectedVersion: events.length,
      events: [
        {
          type: REGISTRY_EVENT_KEY_REVOKED,
          schemaVersion: 1,
          payload: { ...revocation },
          actor: principalToActor(principal),
          correlationId: currentCorrelationId() ?? randomUUID(),
        },
      ],
    });
    return revocation;
  }
}
