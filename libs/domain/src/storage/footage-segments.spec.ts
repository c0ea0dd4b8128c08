import { clipSegmentToWindow, FootageSegment, segmentsCoveringWindow } from './footage-segments';

const t = (hhmm: string) => new Date(`2026-02-15T${hhmm}:00Z`);
const seg = (id: string, cameraId: string, from: string, to: string): FootageSegment => ({
  id,
  cameraId,
  from: t(from),
  to: t(to),
});

const segments = [
  seg('c1-0900', 'cam-1', '09:00', '10:00'),
  seg('c1-1000', 'cam-1', '10:00', '11:00'),
  seg('c1-1100', 'cam-1', '11:00', '12:00'),
  seg('c1-1200', 'cam-1', '12:00', '13:00'),
  seg('c2-1030', 'cam-2', '10:30', '11:30'),
  seg('c3-1000', 'cam-3', '10:00', '11:00'),
];
const window = { from: t('10:15'), to: t('12:00') };

describe('segmentsCoveringWindow (R18.5, R3.1)', () => {
  it('selects exactly the segments of approved cameras overlapping the window', () => {
    expect(segmentsCoveringWindow(segments, ['cam-1', 'cam-2'], window).map((s) => s.id)).toEqual([
      'c1-1000',
      'c2-1030',
      'c1-1100',
    ]);
  });

  it('leaves out a segment starting exactly when the window ends (half-open)', () => {
    expect(segmentsCoveringWindow(segments, ['cam-1'], window).map((s) => s.id)).not.toContain(
      'c1-1200',
    );
  });

  it('leaves out a segment ending exactly when the window starts (half-open)', () => {
    const result = segmentsCoveringWindow(segments, ['cam-1'], {
      from: t('10:00'),
      to: t('10:30'),
    });
    expect(result.map((s) => s.id)).toEqual(['c1-1000']);
  });

  it('leaves out cameras that were not approved, even inside the window (R3.1)', () => {
    expect(
      segmentsCoveringWindow(segments, ['cam-1'], window).map((s) => s.cameraId),
    ).not.toContain('cam-3');
  });

  it('returns nothing for no approved camera', () => {
    expect(segmentsCoveringWindow(segments, [], window)).toEqual([]);
  });

  it('orders the selection the same whatever order the store lists it in', () => {
    const reversed = [...segments].reverse();
    expect(segmentsCoveringWindow(reversed, ['cam-1', 'cam-2'], window)).toEqual(
      segmentsCoveringWindow(segments, ['cam-1', 'cam-2'], window),
    );
  });

  it('keeps the extra fields of the caller’s segment type', () => {
    const withKeys = segments.map((s) => ({ ...s, objectKey: `originals/${s.id}` }));
    expect(segmentsCoveringWindow(withKeys, ['cam-2'], window)[0].objectKey).toBe(
      'originals/c2-1030',
    );
  });
});

describe('clipSegmentToWindow (R3.1)', () => {
  it('clips a segment that starts before the window to the window start', () => {
    expect(clipSegmentToWindow(seg('s', 'cam-1', '10:00', '11:00'), window)).toEqual({
      from: t('10:15'),
      to: t('11:00'),
    });
  });

  it('clips a segment that ends after the window to the window end', () => {
    expect(clipSegmentToWindow(seg('s', 'cam-1', '11:30', '12:30'), window)).toEqual({
      from: t('11:30'),
      to: t('12:00'),
    });
  });

  it('keeps a segment inside the window whole', () => {
    expect(clipSegmentToWindow(seg('s', 'cam-1', '11:00', '11:30'), window)).toEqual({
      from: t('11:00'),
      to: t('11:30'),
    });
  });

  it('answers null for a segment outside the window', () => {
    expect(clipSegmentToWindow(seg('s', 'cam-1', '12:00', '13:00'), window)).toBeNull();
  });
});
