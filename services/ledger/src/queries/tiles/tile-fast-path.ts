import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { parseTilePath } from '@custos/ledger-core';
import { anonymousRateLimiterOf } from '@custos/platform';
import { LedgerTiles } from './ledger-tiles';
import { answerServed } from './served-body';
import { TILES_PREFIX } from './tiles.constants';

const HASH_TILES = `/${TILES_PREFIX}/tile/`;
/** Prefixes (a global one, a proxy's) remembered; a few, so that odd URLs cannot grow it. */
const MAX_PREFIXES = 4;
const INSTALLED = Symbol('custos.ledger.tileFastPath');

/**
 * Answers a public hash tile the cache holds on the HTTP server itself, before Express: no
 * middleware chain (correlation id, access line, metrics, body parsers, input hygiene), no
 * routing, guards or interceptors, none of which a public immutable tile needs. What the
 * tiles had before still holds:
 *
 * - the anonymous rate limit (issue 16): a request spends from its source's allowance in the
 *   application's own limiter; a source past it goes on to Express, which refuses it 429;
 * - access: only hash tiles, open without a token (README "Tiles"); a request with an
 *   `Authorization` header, an entry bundle, a miss, a query, any other method or path goes on
 *   to Express and the controller unchanged;
 * - the URL: a tile is answered here only under a prefix Nest itself routed a hash tile from
 *   (`routed`), so a global prefix is honoured and no other path answers a tile.
 *
 * Counted in `served` (the access log does not see these answers).
 */
export class TileFastPath {
  private readonly prefixes = new Set<string>();
  served = 0;

  constructor(private readonly tiles: LedgerTiles) {}

  /** Learns the URL prefix from a request Nest routed to the hash-tile handler. */
  routed(originalUrl: string): void {
    const at = originalUrl.indexOf(HASH_TILES);
    if (at >= 0 && this.prefixes.size < MAX_PREFIXES) this.prefixes.add(originalUrl.slice(0, at));
  }

  /** Puts the fast path in front of `server`'s request listeners (once per server). */
  install(server: Server): void {
    const marked = server as Server & { [INSTALLED]?: true };
    if (marked[INSTALLED]) return;
    marked[INSTALLED] = true;
    const listeners = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (this.answer(server, req, res)) return;
      for (const listener of listeners) listener.call(server, req, res);
    });
  }

  /** True when answered from the cache; false leaves the request untouched for Express. */
  answer(server: Server, req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' || req.headers.authorization !== undefined) return false;
    const url = req.url ?? '';
    const at = url.indexOf(HASH_TILES);
    if (at < 0 || url.includes('?') || !this.prefixes.has(url.slice(0, at))) return false;
    const parsed = parseTilePath(url.slice(at + HASH_TILES.length - 'tile/'.length));
    if (!parsed.ok || parsed.value.kind !== 'hashes') return false;
    const served = this.tiles.cachedServedHashTile(parsed.value.tile);
    if (served === undefined) return false;
    // The source Express's rate limit counts (req.ip without a trusted proxy).
    const limiter = anonymousRateLimiterOf(server);
    if (limiter !== undefined && !limiter.take(req.socket.remoteAddress ?? 'unknown').allowed) return false;
    answerServed(req, res, served);
    this.served++;
    return true;
  }
}
