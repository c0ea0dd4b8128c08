import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Public } from '@custos/auth';
import { ApiBinary, ApiBinaryOk } from '@custos/platform';
import { IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { ViewingSessionCommands } from '../../commands/viewing-sessions/viewing-session.commands';
import { OFFICER_DIRECTORY } from '../../custody.tokens';
import { OfficerDirectory } from '../../domain/officer-directory.port';
import { assertStillQualified } from '../../shared/officer-check';
import { ViewingSession } from '../../domain/viewing-session.aggregate';
import { orRefuse } from '../../shared/refusal';
import { ViewingRefusalInterceptor } from '../../shared/viewing-refusal.interceptor';
import { NO_STORE, SegmentPlayback } from '../../shared/segment-playback';
import { PlaybackLinks, PlaybackLinkSet } from './playback-links';
import { PlaybackLinkSetDto } from './viewing-sessions.response.dto';

export class LinkQueryDto {
  @IsString()
  @MaxLength(4000)
  link!: string;
}

/**
 * Playback of a viewing session in the browser (R18.1–R18.4). A `<video>` cannot send a bearer
 * token, so these routes are open to the JWT guard and authenticated by their signed link
 * instead, bound to the session, the officer and (for footage) the segment. At every request
 * the session is read anew: closed early, ended or expired, playback stops at the next range.
 * Footage goes out one range at a time (206 only, at most 4 MiB per answer), never cached and
 * never offered as a download.
 */
@ApiTags('viewing sessions')
@Controller('viewing-sessions/:sessionId')
export class PlaybackHttpController {
  constructor(
    private readonly commands: ViewingSessionCommands,
    private readonly links: PlaybackLinks,
    private readonly playback: SegmentPlayback,
    @Inject(OFFICER_DIRECTORY) private readonly officers: OfficerDirectory,
    private readonly refusals: ViewingRefusalInterceptor,
  ) {}

  @Get('playback')
  @Public()
  @ApiProduces('video/mp4')
  @ApiHeader({
    name: 'range',
    required: true,
    description: 'One range `bytes=a-b` or `bytes=a-` (answered with at most 4 MiB)',
  })
  @ApiBinary(206, 'The range asked for', 'video/mp4')
  @ApiOperation({ summary: "One range of a segment of the session's footage, by signed link (206 only; R18.1–R18.4)" })
  async play(
    @Param('sessionId') sessionId: string,
    @Query() query: LinkQueryDto,
    @Headers('range') rangeHeader: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const now = this.commands.clock();
    const claims = this.playback.segmentLink(query.link, 'view', sessionId, now);
    await this.viewer(sessionId, claims.pid, now);
    await this.playback.sendRange(claims, rangeHeader, response);
  }

  @Get('player')
  @Public()
  @ApiProduces('text/html')
  @ApiBinaryOk('The player page', 'text/html')
  @ApiOperation({ summary: "The session's player page for one officer, by signed link (R18.1–R18.4)" })
  async player(
    @Param('sessionId') sessionId: string,
    @Query() query: LinkQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    const { session, links } = await this.freshLinks(sessionId, query.link);
    this.playback.sendPlayerPage(response, links, { purpose: session.opened.purpose, expiresAt: session.opened.expiresAt });
  }

  @Get('player/links')
  @Public()
  @ApiOkResponse({ type: PlaybackLinkSetDto })
  @ApiOperation({ summary: 'Fresh playback links for the player page, by its signed link (R18.4)' })
  async playerLinks(
    @Param('sessionId') sessionId: string,
    @Query() query: LinkQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    const { links } = await this.freshLinks(sessionId, query.link);
    response.status(200).set(NO_STORE).json(links);
  }

  private async freshLinks(
    sessionId: string,
    link: string,
  ): Promise<{ session: ViewingSession; links: PlaybackLinkSet }> {
    const now = this.commands.clock();
    const claims = this.playback.playerLink(link, 'view', sessionId, now);
    const session = await this.commands.load(sessionId);
    try {
      // New links are a new grant: the officer must still be qualified now (R18.2), not only when they joined.
      await assertStillQualified(this.officers, orRefuse(session.mayPlay(claims.pid, now)), now);
    } catch (error) {
      // A valid link names an officer who joined: the refusal is theirs, on the record (R26.1).
      const officer = session.joined.get(claims.pid);
      if (officer !== undefined) await this.refusals.recordLinkRefusal(sessionId, officer, error);
      throw error;
    }
    return { session, links: await this.links.forViewer(session, claims.pid, now) };
  }

  /** The session, read anew, if this officer may play it now (open, both joined, one of them). */
  private async viewer(sessionId: string, personId: string, now: Date): Promise<ViewingSession> {
    const session = await this.commands.load(sessionId);
    orRefuse(session.mayPlay(personId, now));
    return session;
  }
}
