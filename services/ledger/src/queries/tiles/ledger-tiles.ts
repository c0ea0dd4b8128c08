import { domainErrorOf } from '@custos/domain';
import {
  BundleId,
  consistencyProofFromTiles,
  consistencyProofPlan,
  encodeEntryBundle,
  inclusionProofFromTiles,
  inclusionProofPlan,
  MAX_BUNDLE_ENTRY,
  ProofPlan,
  TILE_HEIGHT,
  TILE_WIDTH,
  TileId,
  tileKey,
  tilesForPlan,
} from '@custos/ledger-core';
import { DomainException } from '@custos/platform';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Pool } from 'pg';
import { CheckpointRecords, StoredCheckpoint } from '../../domain/checkpoint-records.port';
import { isStoredLevel } from '../../domain/stored-nodes';
import { ServedBody, servedBody } from './served-body';
import { TileCache } from './tile-cache';

const OCTETS = 'application/octet-stream';
const IMMUTABLE = 'max-age=31536000, immutable';
// A partial tile never changes either, but the full one replaces it and the spec lets a log drop it.
const PARTIAL = 'max-age=60';

/** How long a tile of `width` may be kept: a full one forever, a partial one briefly. */
function lifetime(width: number): string {
  return width === TILE_WIDTH ? IMMUTABLE : PARTIAL;
}

export interface LedgerTilesOptions {
  /** Bytes of tile and bundle bodies kept in memory (default 32 MiB: 4096 full hash tiles). */
  readonly cacheBytes?: number;
  /** How long the latest checkpoint is answered from memory (default 250 ms). */
  readonly checkpointTtlMs?: number;
}

/** A tile's hashes are the stored nodes of level 8·L: one index range scan, concatenated in Postgres. */
const READ_TILE = `SELECT count(*)::int AS n, string_agg(hash, ''::bytea ORDER BY node_index) AS bytes
  FROM ledger_nodes WHERE level = $1 AND node_index >= $2 AND node_index < $3`;
/** Level 0's, with the same parameters: the leaves' rows hold their hashes. */
const READ_LEAF_TILE = `SELECT count(*)::int AS n, string_agg(leaf_hash, ''::bytea ORDER BY leaf_index) AS bytes
  FROM ledger_leaves WHERE $1::smallint = 0 AND leaf_index >= $2 AND leaf_index < $3`;
const READ_BUNDLE = `SELECT entry FROM ledger_leaves WHERE leaf_index >= $1 AND leaf_index < $2 ORDER BY leaf_index`;

const gzipped = promisify(gzip);

function tileNotFound(what: string): DomainException {
  return new DomainException(
    domainErrorOf('CUSTOS_LEDGER_TILE_NOT_FOUND', undefined, `the log does not hold ${what} yet`),
  );
}

/**
 * The ledger's C2SP tiles (https://c2sp.org/tlog-tiles), read from the stored nodes and leaves
 * and kept in a byte-bounded cache, and the proofs computed from them. A tile is served only
 * when every hash (or entry) of its width is stored; before that it is 404.
 */
export class LedgerTiles {
  readonly cache: TileCache<ServedBody>;
  private readonly loading = new Map<string, Promise<ServedBody | undefined>>();
  private readonly checkpointTtlMs: number;
  private latest?: { readonly checkpoint: StoredCheckpoint; readonly body: Buffer; readonly at: number };
  private latestLoading?: Promise<StoredCheckpoint | undefined>;

  constructor(
    private readonly pool: Pool,
    private readonly checkpoints: CheckpointRecords,
    options: LedgerTilesOptions = {},
  ) {
    // Tiles read stored nodes at levels 8·L as they are; the storage layout must keep them.
    if (!isStoredLevel(TILE_HEIGHT)) throw new Error(`the ledger no longer stores level ${TILE_HEIGHT}: tiles need it`);
    this.cache = new TileCache<ServedBody>(options.cacheBytes ?? 32 * 1024 * 1024);
    this.checkpointTtlMs = options.checkpointTtlMs ?? 250;
  }

  /** The latest signed checkpoint and its note as bytes, from memory for `checkpointTtlMs`. */
  async checkpoint(): Promise<{ checkpoint: StoredCheckpoint; body: Buffer } | undefined> {
    if (this.latest !== undefined && Date.now() - this.latest.at < this.checkpointTtlMs) return this.latest;
    this.latestLoading ??= this.checkpoints.latest().finally(() => (this.latestLoading = undefined));
    const checkpoint = await this.latestLoading;
    if (checkpoint === undefined) return undefined;
    // Several callers may await one load: the newest result (by size) is kept, never an older one.
    if (this.latest === undefined || checkpoint.treeSize >= this.latest.checkpoint.treeSize) {
      this.latest = { checkpoint, body: Buffer.from(checkpoint.note, 'utf8'), at: Date.now() };
    }
    return this.latest;
  }

  /** The hash tile's bytes (width × 32), or undefined when the log does not hold them all yet. */
  async hashTile(tile: TileId): Promise<Buffer | undefined> {
    return (await this.servedHashTile(tile))?.body;
  }

  /** The hash tile as served (public; immutable when full), or undefined when the log does not hold it all yet. */
  servedHashTile(tile: TileId): Promise<ServedBody | undefined> {
    return this.cached(`h/${tileKey(tile)}`, `public, ${lifetime(tile.width)}`, {}, async () => {
      const first = tile.index * TILE_WIDTH;
      const { rows } = await this.pool.query({
        ...(tile.level === 0 ? { name: 'ledger-read-leaf-tile', text: READ_LEAF_TILE } : { name: 'ledger-read-tile', text: READ_TILE }),
        values: [TILE_HEIGHT * tile.level, first, first + tile.width],
      });
      return rows[0].n === tile.width ? (rows[0].bytes as Buffer) : undefined;
    });
  }

  /** The hash tile's bytes if the cache holds them, else undefined. */
  cachedHashTile(tile: TileId): Buffer | undefined {
    return this.cachedServedHashTile(tile)?.body;
  }

  /** The hash tile as served if the cache holds it (the fast path's read, synchronous), else undefined. */
  cachedServedHashTile(tile: TileId): ServedBody | undefined {
    return this.cache.get(`h/${tileKey(tile)}`);
  }

  /** The entry bundle's bytes, or undefined when the log does not hold every entry of it yet. */
  async entryBundle(bundle: BundleId): Promise<Buffer | undefined> {
    return (await this.servedEntryBundle(bundle, false))?.body;
  }

  /**
   * The entry bundle as served (whole-log readers only, so `private`), gzipped when asked (the
   * spec: bundles SHOULD be compressed), compressed once, off the event loop.
   */
  servedEntryBundle(bundle: BundleId, gzip: boolean): Promise<ServedBody | undefined> {
    const key = `e/${bundle.index}/${bundle.width}`;
    const cacheControl = `private, ${lifetime(bundle.width)}`;
    if (gzip) {
      return this.cached(`${key}/gzip`, cacheControl, { Vary: 'Accept-Encoding', 'Content-Encoding': 'gzip' }, async () => {
        const plain = await this.entryBundle(bundle);
        return plain === undefined ? undefined : gzipped(plain);
      });
    }
    return this.cached(key, cacheControl, { Vary: 'Accept-Encoding' }, async () => {
      const first = bundle.index * TILE_WIDTH;
      const { rows } = await this.pool.query({
        name: 'ledger-read-bundle',
        text: READ_BUNDLE,
        values: [first, first + bundle.width],
      });
      if (rows.length !== bundle.width) return undefined;
      const entries = rows.map((r) => r.entry as Buffer);
      if (entries.some((e) => e.length > MAX_BUNDLE_ENTRY)) {
        throw new DomainException(domainErrorOf('CUSTOS_LEDGER_BUNDLE_ENTRY_TOO_LARGE'));
      }
      return encodeEntryBundle(entries);
    });
  }

  /** Inclusion proof of leaf `index` in the tree of `size`, computed from its tiles. */
  async inclusionProof(index: number, size: number): Promise<Buffer[]> {
    const readTile = await this.tilesFor(inclusionProofPlan(index, size), size);
    return proved(inclusionProofFromTiles(index, size, readTile));
  }

  /** Consistency proof from the tree of size m to that of size n, computed from the tiles of n. */
  async consistencyProof(m: number, n: number): Promise<Buffer[]> {
    const readTile = await this.tilesFor(consistencyProofPlan(m, n), n);
    return proved(consistencyProofFromTiles(m, n, readTile));
  }

  /** Fetches (cache first, misses in parallel) the tiles a plan needs, as a sync reader. */
  private async tilesFor(
    plan: { ok: true; value: ProofPlan } | { ok: false; error: { message: string } },
    size: number,
  ): Promise<(tile: TileId) => Buffer> {
    const value = proved(plan);
    const tiles = tilesForPlan(value, size);
    const bodies = await Promise.all(tiles.map((tile) => this.hashTile(tile)));
    const byKey = new Map<string, Buffer>();
    tiles.forEach((tile, i) => {
      const body = bodies[i];
      if (body === undefined) throw tileNotFound(`a tree of size ${size}`);
      byKey.set(tileKey(tile), body);
    });
    return (tile) => byKey.get(tileKey(tile)) as Buffer;
  }

  /** One load per key at a time: concurrent misses share the query; the head is built once with the bytes. */
  private cached(
    key: string,
    cacheControl: string,
    extra: Readonly<Record<string, string>>,
    load: () => Promise<Buffer | undefined>,
  ): Promise<ServedBody | undefined> {
    const hit = this.cache.get(key);
    if (hit !== undefined) return Promise.resolve(hit);
    let pending = this.loading.get(key);
    if (pending === undefined) {
      pending = load()
        .then((body) => {
          if (body === undefined) return undefined;
          const served = servedBody(body, OCTETS, cacheControl, extra);
          this.cache.set(key, served);
          return served;
        })
        .finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }
}

function proved<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) {
    throw new DomainException(domainErrorOf('CUSTOS_LEDGER_SIZE_OUT_OF_RANGE', undefined, result.error.message));
  }
  return result.value;
}
