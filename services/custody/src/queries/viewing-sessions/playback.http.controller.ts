import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DomainError } from '@custos/domain';
import { ViewingSessionCommands } from '../../commands/viewing-sessions/viewing-session.commands';
import { ViewingSession } from '../../domain/viewing-session.aggregate';
import { SegmentPlayback } from '../playback/segment-playback';
import { ViewingRefusalInterceptor } from '../../shared/viewing-refusal.interceptor';
import { SessionPlaybackHttpController } from '../playback/session-playback.http.controller';
import { PlaybackLinks, PlaybackLinkSet } from './playback-links';

/** Playback of a viewing session (R18.1–R18.4): for one of its officers, once both have joined. */
@ApiTags('viewing sessions')
@Controller('viewing-sessions/:sessionId')
export class PlaybackHttpController extends SessionPlaybackHttpController<ViewingSession> {
  constructor(
    commands: ViewingSessionCommands,
    private readonly links: PlaybackLinks,
    playback: SegmentPlayback,
    private readonly refusals: ViewingRefusalInterceptor,
  ) {
    super('view', playback, commands);
  }

  protected linksOf(session: ViewingSession, personId: string, now: Date): Promise<PlaybackLinkSet> {
    return this.links.forViewer(session, personId, now);
  }

  /** A valid link names an officer who joined: the refusal is theirs, on the record (R26.1). */
  protected override async linkRefused(session: ViewingSession, personId: string, refusal: DomainError): Promise<void> {
    const officer = session.joined.get(personId);
    if (officer !== undefined) await this.refusals.recordLinkRefusal(session.sessionId, officer, refusal);
  }
}
