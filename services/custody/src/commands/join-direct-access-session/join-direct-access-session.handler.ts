import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ok, Result } from '@custos/domain';
import { DirectAccessSessionCommands } from '../direct-access-sessions/direct-access-session.commands';
import { directAccessSessionState } from '../direct-access-sessions/direct-access-session.state';
import { JoinedDirectAccessSessionDto } from '../direct-access-sessions/direct-access-sessions.response.dto';
import { JoinDirectAccessSessionCommand } from './join-direct-access-session.command';

/** Another officer of the granted organ joins, qualified now; the credential is recorded, and access starts once two are in (R18.1, R18.2). */
@CommandHandler(JoinDirectAccessSessionCommand)
export class JoinDirectAccessSessionHandler implements ICommandHandler<JoinDirectAccessSessionCommand, Result<JoinedDirectAccessSessionDto>> {
  constructor(private readonly sessions: DirectAccessSessionCommands) {}

  async execute({ principal, sessionId }: JoinDirectAccessSessionCommand): Promise<Result<JoinedDirectAccessSessionDto>> {
    const decided = await this.sessions.decide(principal, sessionId, async (session, now) => {
      const officer = await this.sessions.officer(principal, now);
      return officer.ok ? session.join(officer.value.record, now) : officer;
    });
    if (!decided.ok) return decided;
    const { session, value } = decided.value;
    return ok({ ...directAccessSessionState(session, this.sessions.clock()), joinedNow: value.joinedNow });
  }
}
