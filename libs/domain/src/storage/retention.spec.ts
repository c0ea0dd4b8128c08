import { answerFootageNotHeld, assertRetentionAllowed } from './retention';

describe('assertRetentionAllowed (R16.7)', () => {
  it.each([30, 31, 90, 365])('accepts a retention of %i days (R16.7)', (days) => {
    expect(assertRetentionAllowed(days)).toEqual({ ok: true, value: days });
  });

  it.each([29, 0, -30, 29.5, 30.5, Number.NaN])(
    'refuses a retention of %p days (R16.7)',
    (days) => {
      const result = assertRetentionAllowed(days);
      expect(!result.ok && result.error).toMatchObject({
        code: 'CUSTOS_R16_7_RETENTION_TOO_SHORT',
        rule: 'R16.7',
      });
    },
  );
});

describe('answerFootageNotHeld (R16.7)', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const window = (daysAgoFrom: number, daysAgoTo: number) => ({
    from: new Date(now.getTime() - daysAgoFrom * 86_400_000),
    to: new Date(now.getTime() - daysAgoTo * 86_400_000),
  });

  it('answers BEYOND_RETENTION for a window wholly older than the system keeps (R16.7)', () => {
    const answer = answerFootageNotHeld({ cameraId: 'c', window: window(100, 95), retentionDays: 90, heldSegments: 0 }, now);
    expect(answer).toEqual({ ok: true, value: 'BEYOND_RETENTION' });
  });

  it('answers NOT_RECORDED for a window within the retention with nothing stored (R16.7)', () => {
    const answer = answerFootageNotHeld({ cameraId: 'c', window: window(60, 59), retentionDays: 90, heldSegments: 0 }, now);
    expect(answer).toEqual({ ok: true, value: 'NOT_RECORDED' });
  });

  it('refuses "not held" while a segment of the window is held, however old (R16.7)', () => {
    const answer = answerFootageNotHeld({ cameraId: 'c', window: window(100, 95), retentionDays: 30, heldSegments: 1 }, now);
    expect(!answer.ok && answer.error).toMatchObject({ code: 'CUSTOS_R16_7_FOOTAGE_HELD', rule: 'R16.7' });
  });
});
