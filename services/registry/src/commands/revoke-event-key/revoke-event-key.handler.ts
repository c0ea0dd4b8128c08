import { EventKeyRevoked, REGISTRY_EVENT_KEY_REVOKED } from '@custos/contracts';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { revokeEventKey } from '../../domain/event-keys';
import { EventKeyStreams } from '../shared/event-key-stream';
import { RevokeEventKeyCommand } from './revoke-event-key.command';

/** A service's event-signing key is revoked from now on (issue 16): readers refuse what it signs. */
@CommandHandler(RevokeEventKeyCommand)
export class RevokeEventKeyHandler implements ICommandHandler<RevokeEventKeyCommand, EventKeyRevoked> {
  constructor(private readonly keys: EventKeyStreams) {}

  async execute({ principal, service, kid, reason }: RevokeEventKeyCommand): Promise<EventKeyRevoked> {
    const revokedAt = this.keys.now().toISOString();
    return this.keys.change(service, principal, REGISTRY_EVENT_KEY_REVOKED, (published) =>
      revokeEventKey(published, { service, kid, revokedAt, reason }),
    );
  }
}
