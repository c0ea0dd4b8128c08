import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { err, ok, Result } from '@custos/domain';
import { viewingErrors } from '@custos/domain';
import { JoinedViewingSessionDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';
import { ViewingSessionCommands } from '../viewing-sessions/viewing-session.commands';
import { viewingSessionState } from '../viewing-sessions/viewing-session.state';
import { JoinViewingSessionCommand } from './join-viewing-session.command';

/**
 * Each of the two co-signing officers (or, with policy `onlySigners` off, any officer of the
 * requesting organ) joins with their own token, qualified at that moment (R18.1, R18.2); the
 * credential is recorded, and playback starts once both are in.
 */
@CommandHandler(JoinViewingSessionCommand)
export class JoinViewingSessionHandler implements ICommandHandler<JoinViewingSessionCommand, Result<JoinedViewingSessionDto>> {
  constructor(private readonly sessions: ViewingSessionCommands) {}

  async execute({ principal, sessionId }: JoinViewingSessionCommand): Promise<Result<JoinedViewingSessionDto>> {
    const { officerPolicy, rulePacks } = this.sessions;
    const decided = await this.sessions.decide(principal, sessionId, async (session, now) => {
      // Who may not join under the policy is refused as such, before the registry is asked.
      if (!session.mayJoin(principal.personId, officerPolicy)) return err(viewingErrors.notACoSigner(session.sessionId, principal.personId));
      const officer = await this.sessions.officer(principal, now);
      return officer.ok ? session.join(officer.value.record, principal.divisionCode, now, officerPolicy, rulePacks) : officer;
    });
    if (!decided.ok) return decided;
    const { session, value } = decided.value;
    return ok({ ...viewingSessionState(session, this.sessions.clock()), joinedNow: value.joinedNow });
  }
}
