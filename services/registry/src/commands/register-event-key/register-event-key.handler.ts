import { EventKeyRegistered, REGISTRY_EVENT_KEY_REGISTERED } from '@custos/contracts';
import { domainErrorOf } from '@custos/domain';
import { keyIdOfPublicKey } from '@custos/eventstore';
import { refuse } from '@custos/platform';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { registerEventKey } from '../../domain/event-keys';
import { EventKeyStreams } from '../shared/event-key-stream';
import { RegisterEventKeyCommand } from './register-event-key.command';

/**
 * Publishes a service's event-signing public key (issue 16): the registry's event
 * `registry.EventKeyRegistered` is what readers fetch (`GET /event-keys`) and the ledger pins.
 * The key id is derived from the key, so the same key always has the same id.
 */
@CommandHandler(RegisterEventKeyCommand)
export class RegisterEventKeyHandler implements ICommandHandler<RegisterEventKeyCommand, EventKeyRegistered> {
  constructor(private readonly keys: EventKeyStreams) {}

  async execute({ principal, service, publicKey, validFrom }: RegisterEventKeyCommand): Promise<EventKeyRegistered> {
    let kid: string;
    try {
      kid = keyIdOfPublicKey(service, publicKey);
    } catch {
      refuse(domainErrorOf('CUSTOS_REGISTRY_EVENT_KEY_INVALID', { service }));
    }
    const at = (validFrom ?? this.keys.now()).toISOString();
    return this.keys.change(service, principal, REGISTRY_EVENT_KEY_REGISTERED, (published) =>
      registerEventKey(published, { service, kid, publicKey, validFrom: at }),
    );
  }
}
