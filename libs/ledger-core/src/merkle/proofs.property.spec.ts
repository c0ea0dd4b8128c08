/** Properties that hold for every tree: honest proofs verify, and any single change breaks them. */
import fc from 'fast-check';
import { MemoryMerkleTree } from './memory-tree';
import { verifyConsistency, verifyInclusion } from './verify-proofs';

const MAX_SIZE = 200;

/** Distinct entries (the index is part of each), so no two leaves can stand in for each other. */
function treeOfSize(size: number, salt: number): MemoryMerkleTree {
  const tree = new MemoryMerkleTree();
  for (let i = 0; i < size; i++) tree.append(Buffer.from(`${salt}:${i}`));
  return tree;
}

function flipBit(bytes: Uint8Array, bit: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[Math.floor(bit / 8) % copy.length] ^= 1 << (bit % 8);
  return copy;
}

function proved(result: { ok: boolean; value?: Buffer[] }): Buffer[] {
  if (!result.ok || result.value === undefined) throw new Error('an honest proof could not be built');
  return result.value;
}

const treeArb = fc.record({ size: fc.integer({ min: 1, max: MAX_SIZE }), salt: fc.nat() });

describe('inclusion proofs (property)', () => {
  it('verify for every leaf of a random tree', () => {
    fc.assert(
      fc.property(treeArb, ({ size, salt }) => {
        const tree = treeOfSize(size, salt);
        const root = tree.root();
        for (let index = 0; index < size; index++) {
          const proof = proved(tree.inclusionProof(index));
          if (!verifyInclusion(tree.leafHash(index), index, size, proof, root)) return false;
        }
        return true;
      }),
      { numRuns: 40 },
    );
  });

  it('fail after a flipped bit in any proof element, the root or the leaf', () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), fc.nat(), fc.nat(), ({ size, salt }, pick, element, bit) => {
        const tree = treeOfSize(size, salt);
        const index = pick % size;
        const root = tree.root();
        const leaf = tree.leafHash(index);
        const proof = proved(tree.inclusionProof(index));
        if (proof.length > 0) {
          const at = element % proof.length;
          const tampered = proof.map((p, i) => (i === at ? flipBit(p, bit) : p));
          if (verifyInclusion(leaf, index, size, tampered, root)) return false;
        }
        return (
          !verifyInclusion(leaf, index, size, proof, flipBit(root, bit)) &&
          !verifyInclusion(flipBit(leaf, bit), index, size, proof, root)
        );
      }),
      { numRuns: 300 },
    );
  });

  // A size is only ever paired with its own root: a root alone does not pin the size (leaf 0's
  // path has the same shape in trees of 3 and 4 leaves), which is why checkpoints sign both.
  it('fail for any other index, and at any other size with that size’s root', () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), fc.nat(), ({ size, salt }, pick, other) => {
        const tree = treeOfSize(Math.max(size, 2), salt);
        const n = tree.size;
        const index = pick % n;
        const proof = proved(tree.inclusionProof(index));
        const leaf = tree.leafHash(index);
        const wrongIndex = (index + 1 + (other % (n - 1))) % n;
        const wrongSize = 1 + (other % (n - 1));
        return (
          !verifyInclusion(leaf, wrongIndex, n, proof, tree.root()) &&
          !verifyInclusion(leaf, index, wrongSize, proof, tree.root(wrongSize)) &&
          !verifyInclusion(leaf, index, n, [...proof, tree.root()], tree.root())
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('consistency proofs (property)', () => {
  it('verify between every pair of sizes of a random tree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), fc.nat(), (size, salt) => {
        const tree = treeOfSize(size, salt);
        for (let n = 1; n <= size; n++) {
          for (let m = 1; m <= n; m++) {
            if (!verifyConsistency(m, n, tree.root(m), tree.root(n), proved(tree.consistencyProof(m, n)))) return false;
          }
        }
        return true;
      }),
      { numRuns: 15 },
    );
  });

  const pairArb = treeArb.chain(({ size, salt }) =>
    fc.record({
      salt: fc.constant(salt),
      n: fc.constant(Math.max(size, 2)),
      m: fc.integer({ min: 1, max: Math.max(size, 2) - 1 }),
    }),
  );

  it('fail after a flipped bit in any proof element or either root', () => {
    fc.assert(
      fc.property(pairArb, fc.nat(), fc.nat(), ({ salt, m, n }, element, bit) => {
        const tree = treeOfSize(n, salt);
        const [root1, root2] = [tree.root(m), tree.root(n)];
        const proof = proved(tree.consistencyProof(m, n));
        const at = element % proof.length;
        const tampered = proof.map((p, i) => (i === at ? flipBit(p, bit) : p));
        return (
          !verifyConsistency(m, n, root1, root2, tampered) &&
          !verifyConsistency(m, n, flipBit(root1, bit), root2, proof) &&
          !verifyConsistency(m, n, root1, flipBit(root2, bit), proof)
        );
      }),
      { numRuns: 300 },
    );
  });

  it('fail for any other old or new size, with the roots of those sizes', () => {
    fc.assert(
      fc.property(pairArb, fc.nat(), ({ salt, m, n }, other) => {
        const tree = treeOfSize(n + 1, salt);
        const proof = proved(tree.consistencyProof(m, n));
        const otherM = 1 + (other % (n - 1));
        const otherN = m + 1 + (other % (n + 1 - m));
        const wrongM = otherM !== m && verifyConsistency(otherM, n, tree.root(otherM), tree.root(n), proof);
        const wrongN = otherN !== n && verifyConsistency(m, otherN, tree.root(m), tree.root(otherN), proof);
        return !wrongM && !wrongN && !verifyConsistency(m, n, tree.root(m), tree.root(n), proof.slice(1));
      }),
      { numRuns: 300 },
    );
  });
});
