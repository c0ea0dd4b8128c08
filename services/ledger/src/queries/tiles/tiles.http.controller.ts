import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiParam } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Public, Roles } from '@custos/auth';
import { domainErrorOf } from '@custos/domain';
import { parseTilePath, TileResource } from '@custos/ledger-core';
import { DomainException, ApiBinaryOk } from '@custos/platform';
import type { Request, Response } from 'express';
import { LedgerAccess } from '../../shared/ledger-access';
import { LedgerTiles } from './ledger-tiles';
import { answerServed } from './served-body';
import { TileFastPath } from './tile-fast-path';
import { TILES_PREFIX } from './tiles.constants';

export { TILES_PREFIX };

// The spec: the checkpoint is mutable, cached for a few seconds at most.
const CHECKPOINT = 'public, max-age=2';


/** The resource a route's wildcard names, `under` the route's fixed part ('tile' or 'tile/entries'). */
function resourceOf(req: Request, under: string): TileResource {
  const raw = (req.params as Record<string, string | string[]>).path;
  const parsed = parseTilePath(`${under}/${Array.isArray(raw) ? raw.join('/') : raw}`);
  if (!parsed.ok) {
    throw new DomainException(domainErrorOf('CUSTOS_INPUT_TILE_PATH_INVALID', undefined, parsed.error.message));
  }
  return parsed.value;
}

function notFound(what: string): DomainException {
  return new DomainException(
    domainErrorOf('CUSTOS_LEDGER_TILE_NOT_FOUND', undefined, `the log does not hold ${what} yet`),
  );
}

/**
 * The ledger as a C2SP tlog-tiles log (https://c2sp.org/tlog-tiles) beside the JSON API: any
 * transparency-log client verifies it, and a CDN can carry the read load.
 *
 * Who reads what follows the JSON API's split (README "Access", R5.1, R3.1). The checkpoint
 * and the hash tiles are hash-only and say nothing about any organisation; here they are open
 * without a token, because a response bound to a caller could not be cached by a CDN or read by
 * a witness, and a tree size and hashes of entries that carry random event ids reveal no
 * content. The entry bundles are the events themselves: whole-log readers only, as
 * `GET /ledger/entries`, and `private` so that no shared cache keeps them.
 */
@ApiTags('ledger')
@Controller(TILES_PREFIX)
export class LedgerTilesController {
  constructor(
    private readonly tiles: LedgerTiles,
    private readonly access: LedgerAccess,
    private readonly fastPath: TileFastPath,
  ) {}

  @Public()
  @Get('checkpoint')
  @ApiBinaryOk('The signed note', 'text/plain')
  @ApiOperation({ summary: 'The latest signed checkpoint (C2SP tlog-checkpoint signed note, Ed25519), as text' })
  async checkpoint(@Res() res: Response): Promise<void> {
    const latest = await this.tiles.checkpoint();
    if (latest === undefined) throw new DomainException(domainErrorOf('CUSTOS_LEDGER_NO_CHECKPOINT'));
    // res.end, not res.send: no ETag hashing of a note re-read every 250 ms.
    res.writeHead(200, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': latest.body.length,
      'Cache-Control': CHECKPOINT,
    });
    res.end(latest.body);
  }

  // Declared before tile/*path, so that Express matches bundles here, behind the token check.
  @ApiBearerAuth()
  @Roles('OVERSIGHT')
  @ApiParam({ name: 'path', description: 'The C2SP tile path: N, or N.p/W for a partial bundle (x-prefixed groups of three digits)', schema: { type: 'string' } })
  @Get('tile/entries/*path')
  @ApiBinaryOk('The entry bundle', 'application/octet-stream')
  @ApiOperation({
    summary: 'An entry bundle (C2SP): uint16-length-prefixed entries of level-0 tile N; whole-log readers',
  })
  async entryBundle(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.access.assertWholeLog(principal);
    const resource = resourceOf(req, 'tile/entries');
    if (resource.kind !== 'entries') throw notFound('that bundle');
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const served = await this.tiles.servedEntryBundle(resource.bundle, gzip);
    if (served === undefined) throw notFound('every entry of that bundle');
    answerServed(req, res, served);
  }

  @Public()
  @ApiParam({ name: 'path', description: 'The C2SP tile path: L/N, or L/N.p/W for a partial tile', schema: { type: 'string' } })
  @Get('tile/*path')
  @ApiBinaryOk('The hash tile', 'application/octet-stream')
  @ApiOperation({ summary: 'A hash tile (C2SP): 256 (or W) hashes at tree level 8·L; immutable when full' })
  async hashTile(@Req() req: Request, @Res() res: Response): Promise<void> {
    const resource = resourceOf(req, 'tile');
    if (resource.kind !== 'hashes') throw notFound('that tile');
    const served = await this.tiles.servedHashTile(resource.tile);
    if (served === undefined) throw notFound('every hash of that tile');
    // Routed here by Nest: the fast path may now answer tiles under this URL prefix.
    this.fastPath.routed(req.originalUrl);
    answerServed(req, res, served);
  }
}
