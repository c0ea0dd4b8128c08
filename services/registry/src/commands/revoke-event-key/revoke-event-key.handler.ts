import { EventKeyRevoked, REGISTRY_EVENT_KEY_REVOKED } from '@custos/contracts';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { eventKeysOf, revokeEventKey } from '../../domain/event-keys';
import { orRefuse, RegistryContext } from '../../registry.context';
import { EventKeyStream } from '../shared/event-key-stream';
import { RevokeEventKeyCommand } from './revoke-event-key.command';

/** A service's event-signing key is revoked from now on (issue 16): readers refuse what it signs. */
@CommandHandler(RevokeEventKeyCommand)
export class RevokeEventKeyHandler implements ICommandHandler<RevokeEventKeyCommand, EventKeyRevoked> {
  constructor(private readonly registry: RegistryContext) {}

  async execute({ principal, service, kid, reason }: RevokeEventKeyCommand): Promise<EventKeyRevoked> {
    const stream = await EventKeyStream.read(this.registry, service);
    const revocation = orRefuse(revokeEventKey(eventKeysOf(stream.events), { service, kid, revokedAt: this.registry.now().toISOString(), reason }));
    await stream.append(REGISTRY_EVENT_KEY_REVOKED, revocation, principal);
    return revocation;
  }
}
