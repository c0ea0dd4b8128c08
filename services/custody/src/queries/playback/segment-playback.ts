import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { domainErrorOf, ErrorCode } from '@custos/domain';
import { contentRangeOf, DomainException, parseByteRange } from '@custos/platform';
import type { Response } from 'express';
import { CUSTODY_OPTIONS } from '../../custody.tokens';
import type { CustodyModuleOptions } from '../../custody.options';
import { FOOTAGE_SOURCE, FootageSource } from '../../domain/footage-source.port';
import type {
  PlaybackLinkKind,
  PlaybackLinkSet,
  PlayerLinkClaims,
  SegmentLinkClaims,
} from '../viewing-sessions/playback-links';
import { playerPage } from '../viewing-sessions/player-page';
import { ServiceReadRegister } from '../../shared/service-read-register';
import { linkInvalid, LinkSigner } from '../../shared/signed-link';

export const DEFAULT_MAX_PLAYBACK_RANGE_BYTES = 4 * 1024 * 1024;

export const NO_STORE = {
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const rangeRefused = (code: ErrorCode, reason: string, details: Record<string, unknown>): DomainException =>
  new DomainException(domainErrorOf(code, details, reason));

/**
 * How footage of a session goes out to a browser (R18.4), for viewing and direct-access
 * sessions alike once the caller has checked the session: one range of one segment per answer
 * (206 only, capped, never cached, never offered as a download), and the player page under a
 * strict content security policy.
 */
@Injectable()
export class SegmentPlayback {
  private readonly maxRange: number;

  constructor(
    @Inject(FOOTAGE_SOURCE) private readonly footage: FootageSource,
    @Inject(CUSTODY_OPTIONS) options: CustodyModuleOptions,
    private readonly signer: LinkSigner,
    private readonly reads: ServiceReadRegister,
  ) {
    this.maxRange = options.maxPlaybackRangeBytes ?? DEFAULT_MAX_PLAYBACK_RANGE_BYTES;
  }

  /** The claims of a valid segment link of this kind of session and this session; 401 otherwise. */
  segmentLink(link: string, kind: PlaybackLinkKind, sessionId: string, now: Date): SegmentLinkClaims {
    const { k, sid, pid, seg, size, ct } = this.signer.verify(link, now);
    const segment: SegmentLinkClaims['k'] = `${kind}-segment`;
    if (k !== segment || sid !== sessionId) throw linkInvalid();
    if (typeof pid !== 'string' || typeof seg !== 'string' || typeof size !== 'number' || typeof ct !== 'string') throw linkInvalid();
    return { k: segment, sid: sessionId, pid, seg, size, ct };
  }

  /** The claims of a valid player link of this kind of session and this session; 401 otherwise. */
  playerLink(link: string, kind: PlaybackLinkKind, sessionId: string, now: Date): PlayerLinkClaims {
    const { k, sid, pid } = this.signer.verify(link, now);
    const player: PlayerLinkClaims['k'] = `${kind}-player`;
    if (k !== player || sid !== sessionId || typeof pid !== 'string') throw linkInvalid();
    return { k: player, sid: sessionId, pid };
  }

  /** Streams the one range the link's segment and the Range header allow. */
  async sendRange(claims: SegmentLinkClaims, rangeHeader: string | undefined, response: Response): Promise<void> {
    const range = this.rangeOf(rangeHeader, claims.size, response);
    const kind = claims.k === 'view-segment' ? 'VIEWING_SESSION' : 'DIRECT_ACCESS_SESSION';
    await this.reads.register({ source: 'SEGMENT', objectId: claims.seg, onBehalfOf: { kind, id: claims.sid }, reason: 'PLAYBACK' });
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

  sendPlayerPage(response: Response, links: PlaybackLinkSet, context: { purpose: string; expiresAt: string }): void {
    const nonce = randomBytes(16).toString('base64');
    response
      .status(200)
      .set({
        ...NO_STORE,
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `default-src 'none'; media-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; frame-ancestors 'none'; base-uri 'none'`,
      })
      .send(playerPage(links, context, nonce));
  }

  /**
   * The one range this answer serves: a request without Range is refused (no whole-file
   * download), an open-ended one (`bytes=a-`, what players send) is cut at the cap, and an
   * explicit one above the cap is refused.
   */
  private rangeOf(header: string | undefined, size: number, response: Response): { start: number; end: number } {
    const asked = parseByteRange(header, size);
    if (asked.kind === 'absent') {
      throw rangeRefused('CUSTOS_R18_4_RANGE_REQUIRED', 'footage plays by byte range only: it is not offered for download', {
        sizeBytes: size,
      });
    }
    if (asked.kind !== 'range') {
      response.set('content-range', `bytes */${size}`);
      throw rangeRefused('CUSTOS_INPUT_RANGE_NOT_SATISFIABLE', 'one byte range within the segment is served at a time', {
        range: header,
        sizeBytes: size,
      });
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
