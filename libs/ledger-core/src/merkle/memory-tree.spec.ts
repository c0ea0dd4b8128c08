import { RFC6962_LEAVES, RFC6962_ROOTS } from '../test-support/rfc6962-leaves';
import { leafHash } from './hashing';
import { leafHashesReader } from './hash-reader';
import { MemoryMerkleTree } from './memory-tree';
import { rootFromLeafHashes } from './proofs';
import { verifyConsistency, verifyInclusion } from './verify-proofs';

function treeOf(entries: readonly Uint8Array[]): MemoryMerkleTree {
  const tree = new MemoryMerkleTree();
  entries.forEach((entry) => tree.append(entry));
  return tree;
}

function entriesOf(count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => Buffer.from(`entry ${i}`));
}

describe('MemoryMerkleTree', () => {
  it('computes the RFC 6962 reference roots for every prefix of the test leaves', () => {
    const tree = new MemoryMerkleTree();
    RFC6962_LEAVES.forEach((leaf, i) => {
      expect(tree.append(leaf)).toBe(i);
      expect(tree.root().toString('hex')).toBe(RFC6962_ROOTS[i]);
    });
  });

  it('still answers the root of every earlier size after later appends', () => {
    const tree = treeOf(RFC6962_LEAVES);
    RFC6962_ROOTS.forEach((root, i) => expect(tree.root(i + 1).toString('hex')).toBe(root));
    expect(tree.root(0)).toEqual(rootFromLeafHashes([]));
  });

  it('stores exactly the perfect-subtree hashes a leaf-hash recomputation gives', () => {
    const entries = entriesOf(45);
    const tree = treeOf(entries);
    const recompute = leafHashesReader(entries.map(leafHash));
    for (let level = 0; 2 ** level <= 45; level++) {
      for (let index = 0; (index + 1) * 2 ** level <= 45; index++) {
        expect(tree.readNode(level, index)).toEqual(recompute.readNode(level, index));
      }
    }
    expect(() => tree.readNode(3, 5)).toThrow(RangeError);
  });

  it('refuses a proof for a leaf at or beyond the tree size', () => {
    const tree = treeOf(entriesOf(5));
    expect(tree.inclusionProof(5)).toMatchObject({ ok: false, error: { code: 'PROOF_INDEX_OUT_OF_RANGE' } });
    expect(tree.inclusionProof(-1)).toMatchObject({ ok: false, error: { code: 'PROOF_INDEX_OUT_OF_RANGE' } });
    expect(tree.inclusionProof(0, 6)).toMatchObject({ ok: false, error: { code: 'PROOF_SIZE_OUT_OF_RANGE' } });
  });

  it('refuses consistency from the empty tree, backwards, or beyond the tree', () => {
    const tree = treeOf(entriesOf(5));
    for (const [m, n] of [
      [0, 5],
      [4, 3],
      [2, 6],
      [1.5, 5],
    ]) {
      expect(tree.consistencyProof(m, n)).toMatchObject({ ok: false, error: { code: 'PROOF_SIZE_OUT_OF_RANGE' } });
    }
    expect(tree.consistencyProof(5, 5)).toEqual({ ok: true, value: [] });
  });

  it('throws on a root asked beyond its size, a caller bug rather than an input', () => {
    expect(() => treeOf(entriesOf(3)).root(4)).toThrow(RangeError);
  });

  it('appends 2^17 leaves and proves any of them in well under the suite budget', () => {
    const size = 2 ** 17 + 3;
    const hash = Buffer.alloc(32);
    const tree = new MemoryMerkleTree();
    const started = Date.now();
    for (let i = 0; i < size; i++) {
      hash.writeUInt32BE(i, 0);
      tree.appendLeafHash(hash);
    }
    const root = tree.root();
    for (const index of [0, 1, 65_535, 131_072, size - 1]) {
      const proof = tree.inclusionProof(index);
      expect(proof.ok && verifyInclusion(tree.leafHash(index), index, size, proof.value, root)).toBe(true);
    }
    const consistency = tree.consistencyProof(100_000);
    expect(consistency.ok && verifyConsistency(100_000, size, tree.root(100_000), root, consistency.value)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
