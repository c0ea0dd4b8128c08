import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@custos/auth';
import { ApiBinary, ApiBinaryOk } from '@custos/platform';
import type { Response } from 'express';
import { OFFICER_DIRECTORY } from '../../custody.tokens';
import { OfficerDirectory } from '../../domain/officer-directory.port';
import { PlaybackLinks, PlaybackLinkSet } from '../../queries/viewing-sessions/playback-links';
import { LinkQueryDto } from '../../queries/viewing-sessions/playback.http.controller';
import { PlaybackLinkSetDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';
import { assertStillQualified } from '../../shared/officer-check';
import { orRefuse } from '../../shared/refusal';
import { NO_STORE, SegmentPlayback } from '../../shared/segment-playback';
import { DirectAccessSession } from './direct-access-session.aggregate';
import { DirectAccessSessionCommands } from './direct-access-session.commands';
import { playableOf } from './direct-access-sessions.http.controller';

/**
 * Ranged playback of a direct-access session in the browser (R17.4, R18.4), by signed link
 * bound to the session, the officer and the segment, through the same machinery as viewing
 * sessions. The session is read anew at every request: ended, expired or cut by revocation,
 * playback stops at the next range.
 */
@ApiTags('direct access')
@Controller('direct-access-sessions/:sessionId')
export class DirectAccessPlaybackHttpController {
  constructor(
    private readonly commands: DirectAccessSessionCommands,
    private readonly links: PlaybackLinks,
    private readonly playback: SegmentPlayback,
    @Inject(OFFICER_DIRECTORY) private readonly officers: OfficerDirectory,
  ) {}

  @Get('playback')
  @Public()
  @ApiProduces('video/mp4')
  @ApiHeader({ name: 'range', required: true, description: 'One range `bytes=a-b` or `bytes=a-`' })
  @ApiBinary(206, 'The range asked for', 'video/mp4')
  @ApiOperation({ summary: 'One range of a granted camera segment, by signed link (206 only; R17.4, R18.4)' })
  async play(
    @Param('sessionId') sessionId: string,
    @Query() query: LinkQueryDto,
    @Headers('range') rangeHeader: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const now = this.commands.clock();
    const claims = this.playback.segmentLink(query.link, 'direct', sessionId, now);
    await this.officerIn(sessionId, claims.pid, now);
    await this.playback.sendRange(claims, rangeHeader, response);
  }

  @Get('player')
  @Public()
  @ApiProduces('text/html')
  @ApiBinaryOk('The player page', 'text/html')
  @ApiOperation({ summary: "The session's player page for one officer, by signed link (R17.4, R18.4)" })
  async player(@Param('sessionId') sessionId: string, @Query() query: LinkQueryDto, @Res() response: Response): Promise<void> {
    const { session, links } = await this.freshLinks(sessionId, query.link);
    this.playback.sendPlayerPage(response, links, { purpose: session.opened.purpose, expiresAt: session.opened.expiresAt });
  }

  @Get('player/links')
  @Public()
  @ApiOkResponse({ type: PlaybackLinkSetDto })
  @ApiOperation({ summary: 'Fresh playback links for the player page, by its signed link (R18.4)' })
  async playerLinks(@Param('sessionId') sessionId: string, @Query() query: LinkQueryDto, @Res() response: Response): Promise<void> {
    const { links } = await this.freshLinks(sessionId, query.link);
    response.status(200).set(NO_STORE).json(links);
  }

  private async freshLinks(sessionId: string, link: string): Promise<{ session: DirectAccessSession; links: PlaybackLinkSet }> {
    const now = this.commands.clock();
    const claims = this.playback.playerLink(link, 'direct', sessionId, now);
    const session = await this.commands.load(sessionId);
    // New links are a new grant: the officer must still be qualified now (R18.2), as for viewing.
    await assertStillQualified(this.officers, orRefuse(session.mayAccess(claims.pid, now)), now);
    return { session, links: await this.links.forSession(playableOf(session), 'direct', claims.pid, now) };
  }

  private async officerIn(sessionId: string, personId: string, now: Date): Promise<DirectAccessSession> {
    const session = await this.commands.load(sessionId);
    orRefuse(session.mayAccess(personId, now));
    return session;
  }
}
