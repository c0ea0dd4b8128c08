import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Result } from '@custos/domain';
import { DirectAccessSessionCommands } from '../direct-access-sessions/direct-access-session.commands';
import { DirectAccessSessionStateDto } from '../direct-access-sessions/direct-access-sessions.response.dto';
import { OpenDirectAccessSessionCommand } from './open-direct-access-session.command';

/**
 * An officer of the granted organ, qualified now (R18.2), opens a time-boxed session of an
 * approved direct access (R17.4, R18.4); a revoked document opens nothing.
 */
@CommandHandler(OpenDirectAccessSessionCommand)
export class OpenDirectAccessSessionHandler implements ICommandHandler<OpenDirectAccessSessionCommand, Result<DirectAccessSessionStateDto>> {
  constructor(private readonly sessions: DirectAccessSessionCommands) {}

  async execute({ principal, requestId, durationMs }: OpenDirectAccessSessionCommand): Promise<Result<DirectAccessSessionStateDto>> {
    return this.sessions.stateAfter(await this.sessions.open(principal, requestId, durationMs));
  }
}
