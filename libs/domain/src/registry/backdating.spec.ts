import { assertBackdatingReasoned, BACKDATING_TOLERANCE_MS } from './backdating';

describe('backdated head terms and credentials (issue 16)', () => {
  const now = new Date('2026-03-01T08:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it('refuses a head term that began in the past without a reason (R17.2)', () => {
    const r = assertBackdatingReasoned('HEAD_TERM', ago(BACKDATING_TOLERANCE_MS + 1), now, undefined);
    expect(r.ok ? null : [r.error.code, r.error.rule]).toEqual(['CUSTOS_R17_2_HEAD_TERM_BACKDATED_WITHOUT_REASON', 'R17.2']);
  });

  it('refuses a credential issued in the past with a blank reason (R18.2)', () => {
    const r = assertBackdatingReasoned('QUALIFICATION', ago(86_400_000), now, '  ');
    expect(r.ok ? null : [r.error.code, r.error.rule]).toEqual(['CUSTOS_R18_2_QUALIFICATION_BACKDATED_WITHOUT_REASON', 'R18.2']);
  });

  it('accepts a start within the clock-skew tolerance or in the future without a reason, and a backdated one with a reason', () => {
    expect(assertBackdatingReasoned('HEAD_TERM', ago(BACKDATING_TOLERANCE_MS), now, undefined).ok).toBe(true);
    expect(assertBackdatingReasoned('QUALIFICATION', ago(-86_400_000), now, undefined).ok).toBe(true);
    expect(assertBackdatingReasoned('HEAD_TERM', ago(86_400_000), now, 'decree received late').ok).toBe(true);
  });
});
