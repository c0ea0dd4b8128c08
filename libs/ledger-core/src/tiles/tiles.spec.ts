/**
 * Tiles and the proofs computed from them against the reference tree (MemoryMerkleTree) and
 * the published RFC 6962 vectors: the same bytes, whichever way they are computed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { MemoryMerkleTree } from '../merkle/memory-tree';
import { verifyConsistency, verifyInclusion } from '../merkle/verify-proofs';
import { RFC6962_LEAVES } from '../test-support/rfc6962-leaves';
import { TileId } from './tile-path';
import {
  bundleMatchesTile,
  consistencyProofFromTiles,
  decodeEntryBundle,
  encodeEntryBundle,
  inclusionProofFromTiles,
  ReadTile,
  rootFromTiles,
  tileBytes,
  tileKey,
  tilesOfTree,
  tileWidthAt,
} from './tiles';

function treeOf(size: number, salt = 0): MemoryMerkleTree {
  const tree = new MemoryMerkleTree();
  for (let i = 0; i < size; i++) tree.append(Buffer.from(`${salt}:${i}`));
  return tree;
}

/** Serves the tiles of the tree of `size` from the reference, recording what was read. */
function tilesOf(tree: MemoryMerkleTree, size: number): { readTile: ReadTile; read: TileId[] } {
  const read: TileId[] = [];
  const valid = new Set(tilesOfTree(size).map(tileKey));
  return {
    read,
    readTile: (tile) => {
      if (!valid.has(tileKey(tile))) throw new Error(`tile ${tileKey(tile)} is not one of the tree of size ${size}`);
      read.push(tile);
      return tileBytes(tile, tree);
    },
  };
}

describe('tile widths (C2SP tlog-tiles "Partial Tiles")', () => {
  it('represents a tree of 70,000 as 273 full and one partial level-0 tile of 112, level 1: one full and one of 17, level 2: one of 1', () => {
    const tiles = tilesOfTree(70_000);
    const at = (level: number) => tiles.filter((t) => t.level === level).map((t) => t.width);
    expect(at(0)).toEqual([...Array(273).fill(256), 112]);
    expect(at(1)).toEqual([256, 17]);
    expect(at(2)).toEqual([1]);
    expect(at(3)).toEqual([]);
  });

  it('represents a tree of 256 as a full level-0 tile and a level-1 tile of width 1', () => {
    expect(tilesOfTree(256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
    expect(tileWidthAt(0, 1, 256)).toBe(0);
  });
});

describe('proofs from tiles', () => {
  it("equal the reference tree's roots and proofs for every index and size up to 600 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.nat(), fc.nat(), fc.nat(), (size, salt, a, b) => {
        const tree = treeOf(size, salt);
        const { readTile } = tilesOf(tree, size);
        const index = a % size;
        const m = 1 + (b % size);
        expect(rootFromTiles(size, readTile)).toEqual(tree.root());
        expect(inclusionProofFromTiles(index, size, readTile)).toEqual(tree.inclusionProof(index, size));
        expect(consistencyProofFromTiles(m, size, readTile)).toEqual(tree.consistencyProof(m, size));
        return true;
      }),
      { numRuns: 60 },
    );
  });

  it('equal the reference across tile levels (a tree of 70,000) and read only tiles of that tree', () => {
    const size = 70_000;
    const tree = treeOf(size, 7);
    const { readTile, read } = tilesOf(tree, size);
    for (const index of [0, 255, 256, 65_535, 65_536, 69_999]) {
      const proof = inclusionProofFromTiles(index, size, readTile);
      expect(proof).toEqual(tree.inclusionProof(index, size));
      expect(proof.ok && verifyInclusion(tree.leafHash(index), index, size, proof.value, tree.root())).toBe(true);
    }
    for (const m of [1, 256, 65_536, 65_537, 69_999]) {
      const proof = consistencyProofFromTiles(m, size, readTile);
      expect(proof).toEqual(tree.consistencyProof(m, size));
      expect(proof.ok && verifyConsistency(m, size, tree.root(m), tree.root(), proof.value)).toBe(true);
    }
    // A proof needs a few tiles per 8 levels, never the whole log.
    expect(new Set(read.map(tileKey)).size).toBeLessThan(40);
  });

  it('refuses what the tree cannot prove with the same codes as the reference', () => {
    const tree = treeOf(10);
    const { readTile } = tilesOf(tree, 10);
    expect(inclusionProofFromTiles(10, 10, readTile)).toMatchObject({
      ok: false,
      error: { code: 'PROOF_INDEX_OUT_OF_RANGE' },
    });
    expect(consistencyProofFromTiles(0, 10, readTile)).toMatchObject({
      ok: false,
      error: { code: 'PROOF_SIZE_OUT_OF_RANGE' },
    });
  });

  it('throws on a tile of the wrong length rather than fold garbage', () => {
    const tree = treeOf(300);
    const short: ReadTile = (tile) => tileBytes(tile, tree).subarray(32);
    expect(() => inclusionProofFromTiles(3, 300, short)).toThrow(RangeError);
  });

  it('reproduce the RFC 6962 happy-path vectors byte for byte', () => {
    const root = path.resolve(__dirname, '../../test-vectors/rfc6962-proofs/testdata');
    const b64 = (s: string) => Buffer.from(s, 'base64');
    const cases = (folder: string) =>
      fs
        .readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('happy-path.json') && /^\d\//.test(f))
        .map((f) => JSON.parse(fs.readFileSync(path.join(root, folder, f), 'utf8')));
    const tree = new MemoryMerkleTree();
    RFC6962_LEAVES.forEach((leaf) => tree.append(leaf));
    const inclusion = cases('inclusion');
    const consistency = cases('consistency');
    expect(inclusion.length + consistency.length).toBeGreaterThanOrEqual(10);
    for (const v of inclusion) {
      const { readTile } = tilesOf(tree, v.treeSize);
      expect(inclusionProofFromTiles(v.leafIdx, v.treeSize, readTile)).toEqual({
        ok: true,
        value: (v.proof ?? []).map(b64),
      });
      expect(rootFromTiles(v.treeSize, readTile)).toEqual(b64(v.root));
    }
    for (const v of consistency) {
      const { readTile } = tilesOf(tree, v.size2);
      expect(consistencyProofFromTiles(v.size1, v.size2, readTile)).toEqual({
        ok: true,
        value: (v.proof ?? []).map(b64),
      });
    }
  });
});

describe('entry bundles', () => {
  it('are big-endian uint16 length-prefixed entries that hash to the level-0 tile', () => {
    const entries = [Buffer.from('a'), Buffer.alloc(0), Buffer.alloc(300, 7)];
    const bundle = encodeEntryBundle(entries);
    expect(bundle.subarray(0, 3)).toEqual(Buffer.from([0x00, 0x01, 0x61]));
    expect(bundle.readUInt16BE(5)).toBe(300);
    expect(decodeEntryBundle(bundle)).toEqual({ ok: true, value: entries });
    const tree = new MemoryMerkleTree();
    entries.forEach((e) => tree.append(e));
    const tile = tileBytes({ level: 0, index: 0, width: 3 }, tree);
    expect(bundleMatchesTile({ index: 0, width: 3 }, entries, tile)).toBe(true);
    expect(bundleMatchesTile({ index: 0, width: 3 }, [entries[1], entries[0], entries[2]], tile)).toBe(false);
  });

  it('refuse an entry longer than 65535 bytes and a truncated bundle', () => {
    expect(() => encodeEntryBundle([Buffer.alloc(65_536)])).toThrow(RangeError);
    expect(encodeEntryBundle([Buffer.alloc(65_535)]).length).toBe(65_537);
    expect(decodeEntryBundle(Buffer.from([0, 5, 1, 2]))).toMatchObject({
      ok: false,
      error: { code: 'BUNDLE_MALFORMED' },
    });
    expect(decodeEntryBundle(Buffer.from([0]))).toMatchObject({ ok: false });
  });
});
