import { randomUUID } from 'node:crypto';
import { principalToActor } from '@custos/auth';
import { EventKeyRegistered, REGISTRY_EVENT_KEY_REGISTERED, registryStreamOf } from '@custos/contracts';
import { domainErrorOf } from '@custos/domain';
import { keyIdOfPublicKey } from '@custos/eventstore';
import { currentCorrelationId, DomainException } from '@custos/platform';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { eventKeysOf, registerEventKey } from '../../domain/event-keys';
import { orRefuse, RegistryContext } from '../../registry.context';
import { RegisterEventKeyCommand } from './register-event-key.command';

/**
 * Publishes a service's event-signing public key (issue 16): the registry's event
 * `registry.EventKeyRegistered` is what readers fetch (`GET /event-keys`) and the ledger pins.
 * The key id is derived from the key, so the same key always has the same id.
 */
@CommandHandler(RegisterEventKeyCommand)
export class RegisterEventKeyHandler implements ICommandHandler<RegisterEventKeyCommand, EventKeyRegistered> {
  constructor(private readonly registry: RegistryContext) {}

  async execute({ principal, service, publicKey, validFrom }: RegisterEventKeyCommand): Promise<EventKeyRegistered> {
    let kid: string;
    try {
      kid = keyIdOfPublicKey(service, publicKey);
    } catch {
      throw new DomainException(domainErrorOf('CUSTOS_REGISTRY_EVENT_KEY_INVALID', { service }));
    }
    const stream = registryStreamOf.eventKeys(service);
    const events = await this.registry.store.readStream(stream);
    const key = orRefuse(
      registerEventKey(eventKeysOf(events), { service, kid, publicKey, validFrom: (validFrom ?? this.registry.now()).toISOString() }),
    );
    await this.registry.store.append({
      aggregateId: stream,
      expectedVersion: events.length,
      events: [
        {
          type: REGISTRY_EVENT_KEY_REGISTERED,
          schemaVersion: 1,
          payload: { ...key },
          actor: principalToActor(principal),
          correlationId: currentCorrelationId() ?? randomUUID(),
        },
      ],
    });
    return key;
  }
}
