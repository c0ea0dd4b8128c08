import { intersectWindows, TimeWindow, windowsOverlap } from '../shared/time-window';

/** A stored piece of one camera's footage covering [from, to). */
export interface FootageSegment {
  readonly id: string;
  readonly cameraId: string;
  readonly from: Date;
  readonly to: Date;
}

/**
 * The segments an export must contain: exactly those of an approved camera that overlap the
 * approved window, and no other (R3.1 least privilege, R18.5 scope). Sorted by start, camera
 * and id, so that the manifest is the same whatever order the store lists objects in.
 */
export function segmentsCoveringWindow<S extends FootageSegment>(
  segments: readonly S[],
  cameraIds: Iterable<string>,
  window: TimeWindow,
): S[] {
  const cameras = new Set(cameraIds);
  return segments
    .filter((segment) => cameras.has(segment.cameraId) && windowsOverlap(segment, window))
    .sort(
      (a, b) =>
        a.from.getTime() - b.from.getTime() ||
        compareStrings(a.cameraId, b.cameraId) ||
        compareStrings(a.id, b.id),
    );
}

/**
 * The part of a segment inside the approved window, [max(from), min(to)), or `null` when the
 * segment lies outside it: an export trims footage to the window rather than hand over the
 * minutes around it (R3.1).
 */
export function clipSegmentToWindow(
  segment: FootageSegment,
  window: TimeWindow,
): TimeWindow | null {
  return intersectWindows(segment, window);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
