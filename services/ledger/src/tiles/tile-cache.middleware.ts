import { Injectable, NestMiddleware } from '@nestjs/common';
import { parseTilePath, TILE_WIDTH } from '@custos/ledger-core';
import type { NextFunction, Request, Response } from 'express';
import { LedgerTiles } from './ledger-tiles';
import { sendTile, TILES_PREFIX } from './tiles.controller';

const HASH_TILES = `/${TILES_PREFIX}/tile/`;

/**
 * Answers a public hash tile the cache holds before Nest's routing, guards and interceptors,
 * which cost more than the read itself (bench:ledger "tile read p99 (cached)"). The bytes and
 * headers are the controller's; anything else — a miss, an entry bundle, a bad path — goes on
 * to `LedgerTilesController`, which answers it (and its errors) as usual.
 */
@Injectable()
export class TileCacheMiddleware implements NestMiddleware {
  constructor(private readonly tiles: LedgerTiles) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const url = req.originalUrl;
    const at = url.indexOf(HASH_TILES);
    if (req.method !== 'GET' || at < 0 || url.includes('?')) return next();
    const parsed = parseTilePath(url.slice(at + HASH_TILES.length - 'tile/'.length));
    if (!parsed.ok || parsed.value.kind !== 'hashes') return next();
    const body = this.tiles.cachedHashTile(parsed.value.tile);
    if (body === undefined) return next();
    sendTile(res, parsed.value.tile.width === TILE_WIDTH, body);
  }
}
