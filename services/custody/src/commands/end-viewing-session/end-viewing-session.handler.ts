import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ok, Result } from '@custos/domain';
import { ViewingSessionStateDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';
import { ViewingSessionCommands } from '../viewing-sessions/viewing-session.commands';
import { viewingSessionState } from '../viewing-sessions/viewing-session.state';
import { EndViewingSessionCommand } from './end-viewing-session.command';

/** Either of the session's officers ends it (R18.4). */
@CommandHandler(EndViewingSessionCommand)
export class EndViewingSessionHandler implements ICommandHandler<EndViewingSessionCommand, Result<ViewingSessionStateDto>> {
  constructor(private readonly sessions: ViewingSessionCommands) {}

  async execute({ principal, sessionId }: EndViewingSessionCommand): Promise<Result<ViewingSessionStateDto>> {
    const officer = { personId: principal.personId, organisationId: principal.organisationId };
    const decided = await this.sessions.decide(principal, sessionId, (session, now) => session.close('ENDED_BY_OFFICERS', officer, now));
    return decided.ok ? ok(viewingSessionState(decided.value.session, this.sessions.clock())) : decided;
  }
}
