import { leafHash } from './hashing';
import { MemoryMerkleTree } from './memory-tree';
import { NODE_SHA256 } from './sha256';
import { foldBorder, SubtreeHasher } from './subtree-hasher';

const entries = Array.from({ length: 70 }, (_, i) => Buffer.from(`entry ${i}`));
const tree = new MemoryMerkleTree();
entries.forEach((e) => tree.append(e));
const input = (e: Buffer) => Buffer.concat([Buffer.of(0), e]);

describe('SubtreeHasher', () => {
  it('gives the RFC 9162 root of every prefix, the empty tree included', () => {
    const hasher = new SubtreeHasher(NODE_SHA256);
    for (let size = 0; size <= entries.length; size++) {
      expect(Buffer.from(foldBorder(NODE_SHA256, hasher.border()))).toEqual(tree.root(size));
      if (size < entries.length) {
        hasher.pushLeaf(input(entries[size]));
      }
    }
  });

  it('combines subtrees hashed apart, at a power-of-two boundary, into the same roots', () => {
    for (const chunk of [1, 2, 8, 16]) {
      const roots = new SubtreeHasher(NODE_SHA256);
      for (let start = 0; start < entries.length; start += chunk) {
        const part = new SubtreeHasher(NODE_SHA256);
        for (let i = start; i < Math.min(entries.length, start + chunk); i++) {
          part.pushLeaf(input(entries[i]));
          const prefix = foldBorder(NODE_SHA256, [...roots.border(), ...part.border()]);
          expect(Buffer.from(prefix)).toEqual(tree.root(i + 1));
        }
        if (part.size === chunk) roots.pushHash(part.border()[0]);
      }
    }
  });

  it('pushes runs of leaf hashes, their pairs hashed level by level in bulk, to the roots of pushing them one by one', () => {
    const bulk = {
      ...NODE_SHA256,
      digestPairs: (hashes: Uint8Array, from: number, count: number, out: Uint8Array, outAt: number) => {
        for (let k = 0; k < count; k++) {
          const pair = hashes.subarray(from + 64 * k, from + 64 * k + 64);
          NODE_SHA256.digestInto(Buffer.concat([Buffer.of(1), pair]), out, outAt + 32 * k);
        }
      },
    };
    const hashes = Buffer.concat(entries.map((e) => leafHash(e)));
    // Runs of every length from every starting size, across several levels' carries.
    for (const run of [1, 3, 4, 5, 7, 8, 13, 32, 33]) {
      for (let start = 0; start + run <= entries.length; start += 5) {
        const hasher = new SubtreeHasher(bulk);
        for (let i = 0; i < start; i++) hasher.pushHashAt(hashes, 32 * i);
        hasher.pushRun(hashes, 32 * start, run);
        expect(hasher.size).toBe(start + run);
        expect(Buffer.from(foldBorder(NODE_SHA256, hasher.border()))).toEqual(tree.root(start + run));
        // And it goes on from there as one by one would.
        if (start + run < entries.length) {
          hasher.pushHashAt(hashes, 32 * (start + run));
          expect(Buffer.from(foldBorder(NODE_SHA256, hasher.border()))).toEqual(tree.root(start + run + 1));
        }
      }
    }
  });
});
