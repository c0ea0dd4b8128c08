import { EventKeyRevoked, REGISTRY_EVENT_KEY_REVOKED } from '@custos/contracts';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { revokeEventKey } from '../../domain/event-keys';
import { REGISTRY_CLOCK } from '../shared/registry-aggregates';
import { REGISTRY_EVENT_STORE } from '../../registry.tokens';
import { EventStore } from '@custos/eventstore';
import { Inject } from '@nestjs/common';
import { EventKeyStream } from '../shared/event-key-stream';
import { RevokeEventKeyCommand } from './revoke-event-key.command';

/** A service's event-signing key is revoked from now on (issue 16): readers refuse what it signs. */
@CommandHandler(RevokeEventKeyCommand)
export class RevokeEventKeyHandler implements ICommandHandler<RevokeEventKeyCommand, EventKeyRevoked> {
  constructor(
    @Inject(REGISTRY_CLOCK) private readonly now: () => Date,
    @Inject(REGISTRY_EVENT_STORE) private readonly events: EventStore,
  ) {}

  async execute({ principal, service, kid, reason }: RevokeEventKeyCommand): Promise<EventKeyRevoked> {
    const revokedAt = this.now().toISOString();
    return EventKeyStream.change(this.events, service, principal, REGISTRY_EVENT_KEY_REVOKED, (keys) =>
      revokeEventKey(keys, { service, kid, revokedAt, reason }),
    );
  }
}
