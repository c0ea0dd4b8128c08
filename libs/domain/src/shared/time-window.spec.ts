import { intersectWindows, windowContains, windowsOverlap } from './time-window';

const w = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });

describe('time windows are half-open [from, to)', () => {
  it('treats windows that only touch as not overlapping', () => {
    expect(
      windowsOverlap(
        w('2026-01-01T00:00Z', '2026-01-01T01:00Z'),
        w('2026-01-01T01:00Z', '2026-01-01T02:00Z'),
      ),
    ).toBe(false);
  });

  it('treats windows sharing one millisecond as overlapping', () => {
    expect(
      windowsOverlap(
        w('2026-01-01T00:00Z', '2026-01-01T01:00:00.001Z'),
        w('2026-01-01T01:00Z', '2026-01-01T02:00Z'),
      ),
    ).toBe(true);
  });

  it('says a window contains itself and not a window reaching past its end', () => {
    const outer = w('2026-01-01T00:00Z', '2026-01-01T02:00Z');
    expect(windowContains(outer, outer)).toBe(true);
    expect(windowContains(outer, w('2026-01-01T01:00Z', '2026-01-01T02:00:01Z'))).toBe(false);
  });

  it('intersects to the common part, or null when disjoint', () => {
    expect(
      intersectWindows(
        w('2026-01-01T00:00Z', '2026-01-01T02:00Z'),
        w('2026-01-01T01:00Z', '2026-01-01T03:00Z'),
      ),
    ).toEqual(w('2026-01-01T01:00Z', '2026-01-01T02:00Z'));
    expect(
      intersectWindows(
        w('2026-01-01T00:00Z', '2026-01-01T01:00Z'),
        w('2026-01-01T01:00Z', '2026-01-01T03:00Z'),
      ),
    ).toBeNull();
  });
});
