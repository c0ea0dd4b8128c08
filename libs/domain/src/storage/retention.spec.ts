import { assertRetentionAllowed } from './retention';

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
