import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { orRefuse } from '@custos/platform';
import { ViewingSessionCommands } from '../../commands/viewing-sessions/viewing-session.commands';
import { OFFICER_DIRECTORY } from '../../custody.tokens';
import { OfficerDirectory } from '../../domain/officer-directory.port';
import { ViewingSession } from '../../domain/viewing-session.aggregate';
import { stillQualified } from '../../commands/officer-check';
import { SegmentPlayback } from '../playback/segment-playback';
import { ViewingRefusalInterceptor } from '../../shared/viewing-refusal.interceptor';
import { SessionPlaybackHttpController } from '../playback/session-playback.http.controller';
import { PlaybackLinks, PlaybackLinkSet } from './playback-links';

/** Playback of a viewing session (R18.1–R18.4): for one of its officers, once both have joined. */
@ApiTags('viewing sessions')
@Controller('viewing-sessions/:sessionId')
export class PlaybackHttpController extends SessionPlaybackHttpController<ViewingSession> {
  constructor(
    private readonly commands: ViewingSessionCommands,
    private readonly links: PlaybackLinks,
    playback: SegmentPlayback,
    @Inject(OFFICER_DIRECTORY) private readonly officers: OfficerDirectory,
    private readonly refusals: ViewingRefusalInterceptor,
  ) {
    super('view', playback, () => commands.clock());
  }

  protected async assertMayPlay(sessionId: string, personId: string, now: Date): Promise<void> {
    const session = orRefuse(await this.commands.load(sessionId));
    orRefuse(session.mayPlay(personId, now));
  }

  protected async freshLinks(sessionId: string, personId: string, now: Date): Promise<{ session: ViewingSession; links: PlaybackLinkSet }> {
    const session = orRefuse(await this.commands.load(sessionId));
    try {
      orRefuse(await stillQualified(this.officers, orRefuse(session.mayPlay(personId, now)), now));
    } catch (error) {
      // A valid link names an officer who joined: the refusal is theirs, on the record (R26.1).
      const officer = session.joined.get(personId);
      if (officer !== undefined) await this.refusals.recordLinkRefusal(sessionId, officer, error);
      throw error;
    }
    return { session, links: await this.links.forViewer(session, personId, now) };
  }
}
