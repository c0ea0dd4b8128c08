import { SequenceProgress } from './sequence-progress';

describe('SequenceProgress', () => {
  it('advances through numbers in order, holds a hole open until it is filled, and ignores a number seen before', () => {
    const progress = new SequenceProgress();
    expect([1, 2, 3].map((n) => progress.record('custody', n))).toEqual([true, true, true]);
    expect(progress.get('custody')).toEqual({ contiguousThrough: 3, highestSeen: 3, above: new Set() });
    expect(progress.record('custody', 6)).toBe(true);
    expect(progress.record('custody', 5)).toBe(true);
    expect(progress.get('custody')).toEqual({ contiguousThrough: 3, highestSeen: 6, above: new Set([5, 6]) });
    expect(progress.record('custody', 2)).toBe(false);
    expect(progress.record('custody', 6)).toBe(false);
    expect(progress.record('custody', 4)).toBe(true);
    expect(progress.get('custody')).toEqual({ contiguousThrough: 6, highestSeen: 6, above: new Set() });
    expect(progress.record('custody', 7)).toBe(true);
    expect(progress.get('custody')).toEqual({ contiguousThrough: 7, highestSeen: 7, above: new Set() });
    expect(progress.get('requests')).toBeUndefined();
  });
});
