import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { Result } from '@custos/domain';
import { orRefuse } from '@custos/platform';
import { FOOTAGE_SOURCE, FootageSource, SegmentRef } from '../../domain/footage-source.port';
import { ViewingSession } from '../../domain/viewing-session.aggregate';
import { CUSTODY_OPTIONS } from '../../custody.tokens';
import type { CustodyModuleOptions } from '../../custody.options';
import { LinkSigner } from '../../shared/signed-link';

/** Which kind of session links belong to: a viewing session or a direct-access session (R17.4). */
export type PlaybackLinkKind = 'view' | 'direct';

/** What links are minted for: a session, the footage it may play, and its end. */
export interface PlayableSession {
  readonly sessionId: string;
  readonly expiresAt: Date;
  readonly cameraIds: readonly string[];
  readonly window: { readonly from: string; readonly to: string };
  /** The owners whose cameras these are (camera ids are unique per owner only). */
  readonly ownerOrganisationIds: readonly string[];
}

/** A segment link's claims: which session, which officer, which segment (and its size and type). */
export interface SegmentLinkClaims {
  readonly k: `${PlaybackLinkKind}-segment`;
  readonly sid: string;
  readonly pid: string;
  readonly seg: string;
  readonly size: number;
  readonly ct: string;
}

/** A player link's claims: the page of one session for one officer. */
export interface PlayerLinkClaims {
  readonly k: `${PlaybackLinkKind}-player`;
  readonly sid: string;
  readonly pid: string;
}

export const DEFAULT_PLAYBACK_LINK_TTL_MS = 5 * 60_000;

export interface PlaybackLinkSet {
  readonly sessionId: string;
  /** Relative to `/viewing-sessions/:id/`, so a service behind a path prefix still works. */
  readonly playerUrl: string;
  readonly playerLink: string;
  readonly expiresAt: string;
  /** When a page should ask for fresh links (they are short-lived; the session is checked anew at each request). */
  readonly refreshAfterMs: number;
  readonly segments: readonly (Omit<SegmentRef, 'sha256'> & { readonly url: string })[];
}

/**
 * The links `mint` makes for a session the caller may play now (`playable`, else its refusal),
 * never cached: each answer is a new grant, checked anew (R18.2, R18.4).
 */
export async function uncachedLinks<P>(response: Response, playable: Promise<Result<P>>, mint: (found: P) => Promise<PlaybackLinkSet>): Promise<PlaybackLinkSet> {
  const found = orRefuse(await playable);
  response.setHeader('cache-control', 'no-store');
  return mint(found);
}

/**
 * Mints the short-lived links a browser plays a session's footage with (R18.4): one per
 * segment of the session's cameras and window (the owner's cameras only), bound to the session,
 * the officer and the segment, and one for the player page. A link never outlives the session.
 */
@Injectable()
export class PlaybackLinks {
  constructor(
    private readonly signer: LinkSigner,
    @Inject(FOOTAGE_SOURCE) private readonly footage: FootageSource,
    @Inject(CUSTODY_OPTIONS) private readonly options: CustodyModuleOptions,
  ) {}

  forViewer(session: ViewingSession, personId: string, now: Date): Promise<PlaybackLinkSet> {
    const o = session.opened;
    const playable: PlayableSession = {
      sessionId: session.sessionId,
      expiresAt: session.expiresAt,
      cameraIds: o.cameraIds,
      window: { from: o.windowFrom, to: o.windowTo },
      ownerOrganisationIds: [o.ownerOrganisationId],
    };
    return this.forSession(playable, 'view', personId, now);
  }

  async forSession(session: PlayableSession, kind: PlaybackLinkKind, personId: string, now: Date): Promise<PlaybackLinkSet> {
    const ttl = Math.min(
      this.options.playbackLinkTtlMs ?? DEFAULT_PLAYBACK_LINK_TTL_MS,
      session.expiresAt.getTime() - now.getTime(),
    );
    const segments: SegmentRef[] = [];
    for (const organisationId of session.ownerOrganisationIds) {
      segments.push(...(await this.footage.segmentsCovering(session.cameraIds, session.window, { organisationId })));
    }
    const sid = session.sessionId;
    const playerLink = this.signer.sign({ k: `${kind}-player`, sid, pid: personId } satisfies PlayerLinkClaims, ttl, now);
    return {
      sessionId: sid,
      playerUrl: `player?link=${encodeURIComponent(playerLink)}`,
      playerLink,
      expiresAt: new Date(now.getTime() + ttl).toISOString(),
      refreshAfterMs: Math.max(1000, Math.floor(ttl * 0.8)),
      segments: segments.map((s) => {
        const claims: SegmentLinkClaims = {
          k: `${kind}-segment`,
          sid,
          pid: personId,
          seg: s.segmentId,
          size: s.sizeBytes,
          ct: s.contentType,
        };
        return {
          segmentId: s.segmentId,
          cameraId: s.cameraId,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          sizeBytes: s.sizeBytes,
          contentType: s.contentType,
          url: `playback?link=${encodeURIComponent(this.signer.sign({ ...claims }, ttl, now))}`,
        };
      }),
    };
  }
}
