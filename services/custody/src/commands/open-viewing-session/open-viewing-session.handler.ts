import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Result } from '@custos/domain';
import { ViewingSessionStateDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';
import { ViewingSessionCommands } from '../viewing-sessions/viewing-session.commands';
import { OpenViewingSessionCommand } from './open-viewing-session.command';

/**
 * The owner's operator opens a time-boxed session (R18.4) for a co-signed VIEW request naming
 * their systems (R18.1, R18.3); the owner is the organisation the registry holds them for.
 */
@CommandHandler(OpenViewingSessionCommand)
export class OpenViewingSessionHandler implements ICommandHandler<OpenViewingSessionCommand, Result<ViewingSessionStateDto>> {
  constructor(private readonly sessions: ViewingSessionCommands) {}

  async execute({ principal, requestId, durationMs }: OpenViewingSessionCommand): Promise<Result<ViewingSessionStateDto>> {
    return this.sessions.stateAfter(await this.sessions.open(principal, requestId, durationMs));
  }
}
