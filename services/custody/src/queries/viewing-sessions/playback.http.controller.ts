import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@custos/auth';
import { domainError, DomainError } from '@custos/domain';
import { contentRangeOf, DomainException, parseByteRange } from '@custos/platform';
import { IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { ViewingSessionCommands } from '../../commands/viewing-sessions/viewing-session.commands';
import { CUSTODY_OPTIONS, OFFICER_DIRECTORY } from '../../custody.tokens';
import { OfficerDirectory } from '../../domain/officer-directory.port';
import { assertStillQualified } from '../../shared/officer-check';
import type { CustodyModuleOptions } from '../../custody.options';
import { FOOTAGE_SOURCE, FootageSource } from '../../domain/footage-source.port';
import { ViewingSession } from '../../domain/viewing-session.aggregate';
import { orRefuse } from '../../shared/refusal';
import { linkInvalid, LinkSigner } from '../../shared/signed-link';
import { PlaybackLinks, PlaybackLinkSet, PlayerLinkClaims, SegmentLinkClaims } from './playback-links';
import { playerPage } from './player-page';

export class LinkQueryDto {
  @IsString()
  @MaxLength(4000)
  link!: string;
}

export const DEFAULT_MAX_PLAYBACK_RANGE_BYTES = 4 * 1024 * 1024;

const NO_STORE = {
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const rangeRefused = (code: string, reason: string, details: Record<string, unknown>): DomainException =>
  new DomainException(domainError(code, 'R18.4', reason, details) as DomainError, 416);

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
  private readonly maxRange: number;

  constructor(
    private readonly commands: ViewingSessionCommands,
    private readonly links: PlaybackLinks,
    private readonly signer: LinkSigner,
    @Inject(FOOTAGE_SOURCE) private readonly footage: FootageSource,
    @Inject(OFFICER_DIRECTORY) private readonly officers: OfficerDirectory,
    @Inject(CUSTODY_OPTIONS) options: CustodyModuleOptions,
  ) {
    this.maxRange = options.maxPlaybackRangeBytes ?? DEFAULT_MAX_PLAYBACK_RANGE_BYTES;
  }

  @Get('playback')
  @Public()
  @ApiProduces('video/mp4')
  @ApiHeader({
    name: 'range',
    required: true,
    description: 'One range `bytes=a-b` or `bytes=a-` (answered with at most 4 MiB)',
  })
  @ApiOperation({ summary: "One range of a segment of the session's footage, by signed link (206 only; R18.1–R18.4)" })
  async play(
    @Param('sessionId') sessionId: string,
    @Query() query: LinkQueryDto,
    @Headers('range') rangeHeader: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const now = this.commands.clock();
    const claims = this.signer.verify<SegmentLinkClaims>(query.link, now);
    if (claims.k !== 'view-segment' || claims.sid !== sessionId) throw linkInvalid();
    await this.viewer(sessionId, claims.pid, now);
    const range = this.rangeOf(rangeHeader, claims.size, response);
    const read = await this.footage.readSegment(claims.seg, range);
    const served = read.range ?? range;
    response.status(206).set({
      ...NO_STORE,
      'content-type': claims.ct,
      'content-disposition': 'inline',
      'accept-ranges': 'bytes',
      'content-length': String(served.end - served.start + 1),
      'content-range': contentRangeOf(served, read.totalBytes),
    });
    try {
      await pipeline(read.body, response);
    } catch {
      // The player went away (seeking, closing the tab): nothing more to send.
      read.body.destroy();
    }
  }

  @Get('player')
  @Public()
  @ApiProduces('text/html')
  @ApiOperation({ summary: "The session's player page for one officer, by signed link (R18.1–R18.4)" })
  async player(
    @Param('sessionId') sessionId: string,
    @Query() query: LinkQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    const { session, links } = await this.freshLinks(sessionId, query.link);
    const nonce = randomBytes(16).toString('base64');
    response
      .status(200)
      .set({
        ...NO_STORE,
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `default-src 'none'; media-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; frame-ancestors 'none'; base-uri 'none'`,
      })
      .send(playerPage(links, { purpose: session.opened.purpose, expiresAt: session.opened.expiresAt }, nonce));
  }

  @Get('player/links')
  @Public()
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
    const claims = this.signer.verify<PlayerLinkClaims>(link, now);
    if (claims.k !== 'view-player' || claims.sid !== sessionId) throw linkInvalid();
    const session = await this.viewer(sessionId, claims.pid, now);
    // New links are a new grant: the officer must still be qualified now (R18.2), not only when they joined.
    await assertStillQualified(this.officers, orRefuse(session.mayPlay(claims.pid, now)), now);
    return { session, links: await this.links.forViewer(session, claims.pid, now) };
  }

  /** The session, read anew, if this officer may play it now (open, both joined, one of them). */
  private async viewer(sessionId: string, personId: string, now: Date): Promise<ViewingSession> {
    const session = await this.commands.load(sessionId);
    orRefuse(session.mayPlay(personId, now));
    return session;
  }

  /**
   * The one range this answer serves: a request without Range is refused (no whole-file
   * download), an open-ended one (`bytes=a-`, what players send) is cut at the cap, and an
   * explicit one above the cap is refused.
   */
  private rangeOf(header: string | undefined, size: number, response: Response): { start: number; end: number } {
    const asked = parseByteRange(header, size);
    if (asked.kind === 'absent') {
      throw rangeRefused(
        'CUSTOS_R18_4_RANGE_REQUIRED',
        'footage plays by byte range only: it is not offered for download',
        { sizeBytes: size },
      );
    }
    if (asked.kind !== 'range') {
      response.set('content-range', `bytes */${size}`);
      throw rangeRefused(
        'CUSTOS_R18_4_RANGE_NOT_SATISFIABLE',
        'one byte range within the segment is served at a time',
        { range: header, sizeBytes: size },
      );
    }
    const openEnded = /^\s*bytes=\d+-\s*$/.test(header ?? '');
    const length = asked.end - asked.start + 1;
    if (length <= this.maxRange) return asked;
    if (openEnded) return { start: asked.start, end: asked.start + this.maxRange - 1 };
    throw rangeRefused('CUSTOS_R18_4_RANGE_TOO_LARGE', `one answer carries at most ${this.maxRange} bytes of footage`, {
      range: header,
      maxBytes: this.maxRange,
    });
  }
}
