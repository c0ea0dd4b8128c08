/** A half-open interval of time [from, to): `to` itself is outside, so adjacent windows never overlap. */
export interface TimeWindow {
  readonly from: Date;
  readonly to: Date;
}

export const SECOND_MS = 1000;
export const DAY_MS = 24 * 60 * 60 * SECOND_MS;

export function windowsOverlap(a: TimeWindow, b: TimeWindow): boolean {
  return a.from.getTime() < b.to.getTime() && b.from.getTime() < a.to.getTime();
}

/** True when every instant of `inner` lies inside `outer`. */
export function windowContains(outer: TimeWindow, inner: TimeWindow): boolean {
  return outer.from.getTime() <= inner.from.getTime() && inner.to.getTime() <= outer.to.getTime();
}

/** The common part of two windows, or `null` when they do not overlap. */
export function intersectWindows(a: TimeWindow, b: TimeWindow): TimeWindow | null {
  if (!windowsOverlap(a, b)) return null;
  const from = Math.max(a.from.getTime(), b.from.getTime());
  const to = Math.min(a.to.getTime(), b.to.getTime());
  return { from: new Date(from), to: new Date(to) };
}
