import { createHash, randomBytes } from 'node:crypto';
import { leafHash } from './hashing';
import { NODE_SHA256 } from './sha256';
import { sharedSimdNodeDigests } from './sha256-simd';
import { foldBorder, SubtreeHasher } from './subtree-hasher';

const node = (pair: Uint8Array) => createHash('sha256').update(Buffer.of(1)).update(pair).digest();

describe('interior nodes hashed in WebAssembly SIMD (nodes4)', () => {
  const digestPairs = sharedSimdNodeDigests();

  it('exists on Node 20 (WebAssembly SIMD), made once per thread', () => {
    expect(digestPairs).toBeDefined();
    expect(sharedSimdNodeDigests()).toBe(digestPairs);
  });

  it('hash every count of pairs, across a group’s spare lanes and a batch’s end, as node:crypto does, at any offsets', () => {
    for (const count of [1, 2, 3, 4, 5, 7, 8, 9, 1023, 1024, 1025, 1027, 2049]) {
      const from = 5 + (count % 3);
      const hashes = randomBytes(from + 64 * count + 7);
      const out = Buffer.alloc(3 + 32 * count + 3, 0xee);
      digestPairs!(hashes, from, count, out, 3);
      const expected = Buffer.concat(
        Array.from({ length: count }, (_, k) => node(hashes.subarray(from + 64 * k, from + 64 * k + 64))),
      );
      expect([count, out.subarray(3, 3 + 32 * count).equals(expected)]).toEqual([count, true]);
      // Nothing written around the digests.
      expect([...out.subarray(0, 3), ...out.subarray(3 + 32 * count)]).toEqual([0xee, 0xee, 0xee, 0xee, 0xee, 0xee]);
    }
  });

  it('give SubtreeHasher.pushRun the roots of pushing the leaves one by one with node:crypto', () => {
    const leaves = Array.from({ length: 3000 }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
    const hashes = Buffer.concat(leaves);
    const oneByOne = new SubtreeHasher(NODE_SHA256);
    const roots = leaves.map((leaf) => {
      oneByOne.pushHash(leaf);
      return Buffer.from(foldBorder(NODE_SHA256, oneByOne.border()));
    });
    const bulk = { ...NODE_SHA256, digestPairs };
    for (const [start, run] of [[0, 3000], [1, 2047], [3, 1030], [1000, 1500], [2047, 4], [2999, 1]]) {
      const hasher = new SubtreeHasher(bulk);
      for (let i = 0; i < start; i++) hasher.pushHashAt(hashes, 32 * i);
      hasher.pushRun(hashes, 32 * start, run);
      expect([start, run, Buffer.from(foldBorder(NODE_SHA256, hasher.border()))]).toEqual([start, run, roots[start + run - 1]]);
    }
  });
});
