import { CompactRange } from './compact-range';
import { leafHash } from './hashing';
import { rootFromLeafHashes, rootPlan } from './proofs';
import { MemoryMerkleTree } from './memory-tree';

const leaves = Array.from({ length: 23 }, (_, i) => leafHash(Buffer.from([i])));

describe('CompactRange', () => {
  it('reports the leaf and every node an append completes, bottom up', () => {
    const range = CompactRange.empty();
    leaves.slice(0, 7).forEach((leaf) => range.append(leaf));
    const completed = range.append(leaves[7]);
    expect(completed.map(({ level, index }) => [level, index])).toEqual([
      [0, 7],
      [1, 3],
      [2, 1],
      [3, 0],
    ]);
    expect(completed[3].hash).toEqual(rootFromLeafHashes(leaves.slice(0, 8)));
  });

  it('resumes from the stored border nodes as if it had never stopped', () => {
    const tree = new MemoryMerkleTree();
    leaves.slice(0, 13).forEach((leaf) => tree.appendLeafHash(leaf));
    const border = rootPlan(13).nodes.map(({ level, index }) => tree.readNode(level, index));
    const resumed = CompactRange.fromBorder(13, border);
    leaves.slice(13).forEach((leaf) => resumed.append(leaf));
    expect(resumed.size).toBe(23);
    expect(resumed.root()).toEqual(rootFromLeafHashes(leaves));
  });

  it('refuses a border that does not fit the size', () => {
    expect(() => CompactRange.fromBorder(13, [leaves[0]])).toThrow(RangeError);
  });

  it('refuses a leaf hash that is not 32 bytes', () => {
    expect(() => CompactRange.empty().append(Buffer.alloc(31))).toThrow(RangeError);
  });
});
