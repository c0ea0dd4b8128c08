import { MemoryMerkleTree } from '@custos/ledger-core';
import {
  coalesceRanges,
  foldPerfect,
  isStoredLevel,
  NodeCache,
  STORED_LEVEL_STEP,
  storedRangeOf,
} from './stored-nodes';

describe('stored nodes', () => {
  const tree = new MemoryMerkleTree();
  for (let i = 0; i < 300; i++) tree.append(Buffer.from(`entry ${i}`));
  /** Hash of the perfect subtree (level, index), from the reference tree's leaf hashes. */
  const node = (level: number, index: number): Buffer =>
    level === 0 ? tree.leafHash(index) : foldPerfect([node(level - 1, 2 * index), node(level - 1, 2 * index + 1)]);

  it('stores the leaf hashes and every STORED_LEVEL_STEP-th level', () => {
    expect(isStoredLevel(0)).toBe(true);
    for (let level = 1; level < 12; level++) expect(isStoredLevel(level)).toBe(level % STORED_LEVEL_STEP === 0);
  });

  it('folds any node from the stored range below it', () => {
    for (const [level, index] of [
      [0, 7],
      [1, 3],
      [2, 5],
      [3, 5],
      [4, 1],
      [5, 2],
      [7, 1],
    ]) {
      const range = storedRangeOf({ level, index });
      expect(isStoredLevel(range.level)).toBe(true);
      expect(range.to - range.from).toBeLessThanOrEqual(2 ** (STORED_LEVEL_STEP - 1));
      const below = Array.from({ length: range.to - range.from }, (_, k) => node(range.level, range.from + k));
      expect(foldPerfect(below)).toEqual(node(level, index));
    }
  });

  it('reads the siblings of one path in one range per block', () => {
    const block = 2 ** STORED_LEVEL_STEP;
    // The siblings of leaf 5 below the first stored level above 0 lie in its block at level 0.
    const siblings = Array.from({ length: STORED_LEVEL_STEP }, (_, level) => ({
      level,
      index: Math.floor(5 / 2 ** level) ^ 1,
    }));
    const ranges = coalesceRanges([...siblings, { level: STORED_LEVEL_STEP, index: 1 }].map(storedRangeOf));
    expect(ranges).toContainEqual({
      level: 0,
      from: Math.floor(5 / block) * block,
      to: (Math.floor(5 / block) + 1) * block,
    });
    expect(ranges.filter((r) => r.level === 0)).toHaveLength(1);
    expect(
      coalesceRanges([
        { level: 0, from: block, to: block + 1 },
        { level: 0, from: 0, to: 1 },
      ]),
    ).toHaveLength(2);
  });

  it('keeps a bounded LRU', () => {
    const cache = new NodeCache(2);
    cache.set('a', Buffer.from('a'));
    cache.set('b', Buffer.from('b'));
    cache.get('a');
    cache.set('c', Buffer.from('c'));
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map((b) => b?.toString())).toEqual(['a', undefined, 'c']);
  });
});
