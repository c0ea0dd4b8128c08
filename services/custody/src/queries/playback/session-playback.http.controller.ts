import { Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { Public } from '@custos/auth';
import { DomainError } from '@custos/domain';
import { ApiBinary, ApiBinaryOk, orRefuse, refuse } from '@custos/platform';
import { SessionCommands } from '../../commands/session-commands';
import { IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { NO_STORE, SegmentPlayback } from './segment-playback';
import { PlaybackLinkKind, PlaybackLinkSet } from '../viewing-sessions/playback-links';
import { PlaybackLinkSetDto } from '../viewing-sessions/viewing-sessions.response.dto';

export class LinkQueryDto {
  @IsString()
  @MaxLength(4000)
  link!: string;
}

/** What a player page shows of its session. */
export interface PlayedSession {
  readonly opened: { readonly purpose: string; readonly expiresAt: string };
}

/**
 * Playback of a session in the browser, the same for viewing sessions (R18.1–R18.4) and direct
 * access (R17.4, R18.4). A `<video>` cannot send a bearer token, so these routes are open to the
 * JWT guard and authenticated by their signed link instead, bound to the session, the officer
 * and (for footage) the segment. At every request the session is read anew: closed, ended,
 * expired or cut by revocation, playback stops at the next range. Footage goes out one range at
 * a time (206 only, at most 4 MiB per answer), never cached and never offered as a download.
 * A subclass names the kind of session and decides who may play it now.
 */
export abstract class SessionPlaybackHttpController<S extends PlayedSession> {
  private readonly clock: () => Date;

  constructor(
    private readonly kind: PlaybackLinkKind,
    protected readonly playback: SegmentPlayback,
    private readonly commands: SessionCommands<S>,
  ) {
    this.clock = () => commands.clock();
  }

  /** The links of `session` for `personId`, once they may have them. */
  protected abstract linksOf(session: S, personId: string, now: Date): Promise<PlaybackLinkSet>;

  /** A refusal of fresh links to an officer the link names; recorded where the kind of session keeps them. */
  protected async linkRefused(_session: S, _personId: string, _refusal: DomainError): Promise<void> {}

  /** Refused unless `personId` may play the session, read anew, at `now`. */
  private async assertMayPlay(sessionId: string, personId: string, now: Date): Promise<void> {
    const session = orRefuse(await this.commands.load(sessionId));
    orRefuse(this.commands.mayPlay(session, personId, now));
  }

  /** New links are a new grant: the officer must still be qualified now (R18.2), not only when they joined. */
  private async freshLinks(sessionId: string, personId: string, now: Date): Promise<{ session: S; links: PlaybackLinkSet }> {
    const session = orRefuse(await this.commands.load(sessionId));
    const may = await this.commands.stillMayPlay(session, personId, now);
    if (!may.ok) {
      await this.linkRefused(session, personId, may.error);
      refuse(may.error);
    }
    return { session, links: await this.linksOf(session, personId, now) };
  }

  @Get('playback')
  @Public()
  @ApiProduces('video/mp4')
  @ApiHeader({ name: 'range', required: true, description: 'One range `bytes=a-b` or `bytes=a-` (answered with at most 4 MiB)' })
  @ApiBinary(206, 'The range asked for', 'video/mp4')
  @ApiOperation({ summary: "One range of a segment of the session's footage, by signed link (206 only; R17.4, R18.1–R18.4)" })
  async play(
    @Param('sessionId') sessionId: string,
    @Query() query: LinkQueryDto,
    @Headers('range') rangeHeader: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const now = this.clock();
    const claims = this.playback.segmentLink(query.link, this.kind, sessionId, now);
    await this.assertMayPlay(sessionId, claims.pid, now);
    await this.playback.sendRange(claims, rangeHeader, response);
  }

  @Get('player')
  @Public()
  @ApiProduces('text/html')
  @ApiBinaryOk('The player page', 'text/html')
  @ApiOperation({ summary: "The session's player page for one officer, by signed link (R17.4, R18.1–R18.4)" })
  async player(@Param('sessionId') sessionId: string, @Query() query: LinkQueryDto, @Res() response: Response): Promise<void> {
    const { session, links } = await this.linksFor(sessionId, query.link);
    this.playback.sendPlayerPage(response, links, { purpose: session.opened.purpose, expiresAt: session.opened.expiresAt });
  }

  @Get('player/links')
  @Public()
  @ApiOkResponse({ type: PlaybackLinkSetDto })
  @ApiOperation({ summary: 'Fresh playback links for the player page, by its signed link (R18.4)' })
  async playerLinks(@Param('sessionId') sessionId: string, @Query() query: LinkQueryDto, @Res() response: Response): Promise<void> {
    const { links } = await this.linksFor(sessionId, query.link);
    response.status(200).set(NO_STORE).json(links);
  }

  private linksFor(sessionId: string, link: string): Promise<{ session: S; links: PlaybackLinkSet }> {
    const now = this.clock();
    const claims = this.playback.playerLink(link, this.kind, sessionId, now);
    return this.freshLinks(sessionId, claims.pid, now);
  }
}
