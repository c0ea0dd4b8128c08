import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { orRefuse } from '@custos/platform';
import { OFFICER_DIRECTORY } from '../../custody.tokens';
import { OfficerDirectory } from '../../domain/officer-directory.port';
import { SessionPlaybackHttpController } from '../../queries/playback/session-playback.http.controller';
import { PlaybackLinks, PlaybackLinkSet } from '../../queries/viewing-sessions/playback-links';
import { stillQualified } from '../officer-check';
import { SegmentPlayback } from '../../queries/playback/segment-playback';
import { DirectAccessSession } from './direct-access-session.aggregate';
import { DirectAccessSessionCommands } from './direct-access-session.commands';
import { playableOf } from './direct-access-sessions.http.controller';

/**
 * Ranged playback of a direct-access session in the browser (R17.4, R18.4), through the same
 * machinery as viewing sessions: for an officer in the session once two are in.
 */
@ApiTags('direct access')
@Controller('direct-access-sessions/:sessionId')
export class DirectAccessPlaybackHttpController extends SessionPlaybackHttpController<DirectAccessSession> {
  constructor(
    private readonly commands: DirectAccessSessionCommands,
    private readonly links: PlaybackLinks,
    playback: SegmentPlayback,
    @Inject(OFFICER_DIRECTORY) private readonly officers: OfficerDirectory,
  ) {
    super('direct', playback, () => commands.clock());
  }

  protected async assertMayPlay(sessionId: string, personId: string, now: Date): Promise<void> {
    const session = orRefuse(await this.commands.load(sessionId));
    orRefuse(session.mayAccess(personId, now));
  }

  protected async freshLinks(sessionId: string, personId: string, now: Date): Promise<{ session: DirectAccessSession; links: PlaybackLinkSet }> {
    const session = orRefuse(await this.commands.load(sessionId));
    orRefuse(await stillQualified(this.officers, orRefuse(session.mayAccess(personId, now)), now));
    return { session, links: await this.links.forSession(playableOf(session), 'direct', personId, now) };
  }
}
