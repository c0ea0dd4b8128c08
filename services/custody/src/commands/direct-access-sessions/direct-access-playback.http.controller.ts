import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SessionPlaybackHttpController } from '../../queries/playback/session-playback.http.controller';
import { PlaybackLinks, PlaybackLinkSet } from '../../queries/viewing-sessions/playback-links';
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
    commands: DirectAccessSessionCommands,
    private readonly links: PlaybackLinks,
    playback: SegmentPlayback,
  ) {
    super('direct', playback, commands);
  }

  protected linksOf(session: DirectAccessSession, personId: string, now: Date): Promise<PlaybackLinkSet> {
    return this.links.forSession(playableOf(session), 'direct', personId, now);
  }
}
