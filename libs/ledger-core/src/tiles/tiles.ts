/**
 * The log as C2SP tiles, and roots and proofs computed from them. Tile (L, N) holds the
 * hashes of tree level 8·L, N·256 … N·256 + 255: level 0 the leaf hashes, level 1 the roots
 * of the full level-0 tiles, and so on. Any node of the tree is the fold of 2^r consecutive
 * hashes of one tile (r = its level mod 8), so a proof needs at most a few tiles per 8 levels.
 */
import { err, ok, Result } from '../result';
import { HASH_SIZE, leafHash, nodeHash } from '../merkle/hashing';
import { HashReader } from '../merkle/hash-reader';
import { ProofError } from '../merkle/proof-error';
import { consistencyProofPlan, inclusionProofPlan, readPlan, rootFromReader } from '../merkle/proofs';
import { NodeId, ProofPlan } from '../merkle/tree-shape';
import { BundleId, TILE_HEIGHT, TILE_WIDTH, TileId } from './tile-path';

/** Bytes of one tile or bundle, as served. */
export type ReadTile = (tile: TileId) => Uint8Array;

/** Hashes at tree level 8·level in a tree of `treeSize` leaves. */
function hashesAtTileLevel(level: number, treeSize: number): number {
  return Math.floor(treeSize / 2 ** (TILE_HEIGHT * level));
}

/**
 * Width of tile (level, index) in the tree of `treeSize` leaves: 256 when full, the partial
 * width (floor(size / 256^level) mod 256) for the rightmost one, 0 when the tree has none.
 */
export function tileWidthAt(level: number, index: number, treeSize: number): number {
  const available = hashesAtTileLevel(level, treeSize) - index * TILE_WIDTH;
  return Math.max(0, Math.min(TILE_WIDTH, available));
}

/** Width of entry bundle `index` in the tree of `treeSize` leaves (as its level-0 tile). */
export function bundleWidthAt(index: number, treeSize: number): number {
  return tileWidthAt(0, index, treeSize);
}

/** Every tile of the tree of `treeSize` leaves, lowest level first (what a mirror would fetch). */
export function tilesOfTree(treeSize: number): TileId[] {
  const tiles: TileId[] = [];
  for (let level = 0; hashesAtTileLevel(level, treeSize) > 0; level++) {
    const count = hashesAtTileLevel(level, treeSize);
    for (let index = 0; index * TILE_WIDTH < count; index++) {
      tiles.push({ level, index, width: tileWidthAt(level, index, treeSize) });
    }
  }
  return tiles;
}

/** The tile whose hashes [from, from + count) fold into `node`, in the tree of `treeSize`. */
export function tileOfNode(node: NodeId, treeSize: number): { tile: TileId; from: number; count: number } {
  const level = Math.floor(node.level / TILE_HEIGHT);
  const count = 2 ** (node.level - level * TILE_HEIGHT);
  const first = node.index * count;
  const index = Math.floor(first / TILE_WIDTH);
  const width = tileWidthAt(level, index, treeSize);
  const from = first - index * TILE_WIDTH;
  if (from + count > width) {
    throw new RangeError(`node (${node.level}, ${node.index}) is not complete in a tree of size ${treeSize}`);
  }
  return { tile: { level, index, width }, from, count };
}

export function tileKey({ level, index, width }: TileId): string {
  return `${level}/${index}/${width}`;
}

/** The distinct tiles a plan's nodes lie in, in first-use order: what to fetch before folding. */
export function tilesForPlan(plan: ProofPlan, treeSize: number): TileId[] {
  const tiles = new Map<string, TileId>();
  for (const node of plan.nodes) {
    const { tile } = tileOfNode(node, treeSize);
    tiles.set(tileKey(tile), tile);
  }
  return [...tiles.values()];
}

/** Tile bytes from any reader of complete nodes (a stored tree, the in-memory reference). */
export function tileBytes({ level, index, width }: TileId, reader: HashReader): Buffer {
  const out = Buffer.allocUnsafe(width * HASH_SIZE);
  for (let i = 0; i < width; i++) out.set(reader.readNode(TILE_HEIGHT * level, index * TILE_WIDTH + i), i * HASH_SIZE);
  return out;
}

function foldTileHashes(bytes: Uint8Array, from: number, count: number): Buffer {
  let row: Uint8Array[] = [];
  for (let i = from; i < from + count; i++) row.push(bytes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
  while (row.length > 1) {
    const up: Buffer[] = [];
    for (let i = 0; i < row.length; i += 2) up.push(nodeHash(row[i], row[i + 1]));
    row = up;
  }
  return Buffer.from(row[0]);
}

/**
 * A node reader over the tiles of the tree of `treeSize` leaves: node (l, i) is the fold of
 * its hashes in one tile. `readTile` gets exactly the widths that tree has (full or its
 * partial width), and must answer the tile's bytes; a tile of the wrong length throws.
 */
export function tileHashReader(treeSize: number, readTile: ReadTile): HashReader {
  return {
    readNode(level, index) {
      const { tile, from, count } = tileOfNode({ level, index }, treeSize);
      const bytes = readTile(tile);
      if (bytes.length !== tile.width * HASH_SIZE) {
        throw new RangeError(`tile ${tileKey(tile)} has ${bytes.length} bytes, not ${tile.width * HASH_SIZE}`);
      }
      return foldTileHashes(bytes, from, count);
    },
  };
}

/** MTH of the tree of `size` leaves, from its tiles. */
export function rootFromTiles(size: number, readTile: ReadTile): Buffer {
  return rootFromReader(size, tileHashReader(size, readTile));
}

/** Inclusion proof of leaf `index` in the tree of `size`, from that tree's tiles. */
export function inclusionProofFromTiles(index: number, size: number, readTile: ReadTile): Result<Buffer[], ProofError> {
  const plan = inclusionProofPlan(index, size);
  return plan.ok ? ok(readPlan(plan.value, tileHashReader(size, readTile))) : plan;
}

/** Consistency proof from the tree of size m to the tree of size n, from the tiles of n. */
export function consistencyProofFromTiles(m: number, n: number, readTile: ReadTile): Result<Buffer[], ProofError> {
  const plan = consistencyProofPlan(m, n);
  return plan.ok ? ok(readPlan(plan.value, tileHashReader(n, readTile))) : plan;
}

/** An entry's length prefix is a big-endian uint16. */
export const MAX_BUNDLE_ENTRY = 0xffff;

/** Entries as a C2SP entry bundle; throws on an entry a uint16 cannot measure (a caller check). */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Buffer {
  const size = entries.reduce((sum, e) => sum + 2 + e.length, 0);
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const entry of entries) {
    if (entry.length > MAX_BUNDLE_ENTRY)
      throw new RangeError(`an entry of ${entry.length} bytes exceeds a bundle's 65535`);
    out.writeUInt16BE(entry.length, at);
    out.set(entry, at + 2);
    at += 2 + entry.length;
  }
  return out;
}

export interface BundleError {
  readonly code: 'BUNDLE_MALFORMED';
  readonly message: string;
}

/** Splits an entry bundle into its entries. */
export function decodeEntryBundle(bytes: Uint8Array): Result<Buffer[], BundleError> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: Buffer[] = [];
  let at = 0;
  while (at < buffer.length) {
    if (at + 2 > buffer.length) return err({ code: 'BUNDLE_MALFORMED', message: `truncated length at byte ${at}` });
    const length = buffer.readUInt16BE(at);
    if (at + 2 + length > buffer.length) {
      return err({ code: 'BUNDLE_MALFORMED', message: `entry ${entries.length} runs past the bundle's end` });
    }
    entries.push(buffer.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return ok(entries);
}

/** Whether a bundle's entries hash to the leaf hashes of the level-0 tile of the same index and width. */
export function bundleMatchesTile(bundle: BundleId, entries: readonly Uint8Array[], tile: Uint8Array): boolean {
  if (entries.length !== bundle.width || tile.length !== bundle.width * HASH_SIZE) return false;
  return entries.every((entry, i) => leafHash(entry).equals(tile.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)));
}
