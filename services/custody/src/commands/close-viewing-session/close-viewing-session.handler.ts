import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ok, Result } from '@custos/domain';
import { ViewingSessionStateDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';
import { ViewingSessionCommands } from '../viewing-sessions/viewing-session.commands';
import { viewingSessionState } from '../viewing-sessions/viewing-session.state';
import { CloseViewingSessionCommand } from './close-viewing-session.command';

/** The owner's operator, as the registry holds them (issue 16), closes the session early: playback stops at the next request (R18.4). */
@CommandHandler(CloseViewingSessionCommand)
export class CloseViewingSessionHandler implements ICommandHandler<CloseViewingSessionCommand, Result<ViewingSessionStateDto>> {
  constructor(private readonly sessions: ViewingSessionCommands) {}

  async execute({ principal, sessionId }: CloseViewingSessionCommand): Promise<Result<ViewingSessionStateDto>> {
    const owner = await this.sessions.registeredOwner(principal);
    if (!owner.ok) return owner;
    const decided = await this.sessions.decide(principal, sessionId, (session, now) => session.close('CLOSED_BY_OWNER', owner.value, now));
    return decided.ok ? ok(viewingSessionState(decided.value.session, this.sessions.clock())) : decided;
  }
}
