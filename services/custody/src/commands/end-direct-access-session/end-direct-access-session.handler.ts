import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ok, Result } from '@custos/domain';
import { DirectAccessSessionCommands } from '../direct-access-sessions/direct-access-session.commands';
import { directAccessSessionState } from '../direct-access-sessions/direct-access-session.state';
import { DirectAccessSessionStateDto } from '../direct-access-sessions/direct-access-sessions.response.dto';
import { EndDirectAccessSessionCommand } from './end-direct-access-session.command';

/** One of the session's officers ends it (R18.4). */
@CommandHandler(EndDirectAccessSessionCommand)
export class EndDirectAccessSessionHandler implements ICommandHandler<EndDirectAccessSessionCommand, Result<DirectAccessSessionStateDto>> {
  constructor(private readonly sessions: DirectAccessSessionCommands) {}

  async execute({ principal, sessionId }: EndDirectAccessSessionCommand): Promise<Result<DirectAccessSessionStateDto>> {
    const decided = await this.sessions.decide(principal, sessionId, (session, now) => session.endByOfficer(principal.personId, now));
    return decided.ok ? ok(directAccessSessionState(decided.value.session, this.sessions.clock())) : decided;
  }
}
