import { assertOperatorOrganisation, assertTrainingRecordable, chinaDayOf, operatorTrained } from './operator-training';

const NOW = new Date('2026-03-01T17:30:00Z'); // 2026-03-02 01:30 in Beijing

describe("operators' training (R16.2)", () => {
  it('counts days in China Standard Time', () => {
    expect(chinaDayOf(NOW)).toBe('2026-03-02');
  });

  it('records a training completed today or before, with or without a certificate (R16.2)', () => {
    expect(assertTrainingRecordable({ course: 'Monitoring duty', completedOn: '2026-03-02' }, NOW).ok).toBe(true);
    expect(assertTrainingRecordable({ course: 'Privacy', completedOn: '2025-11-30', certificateNumber: 'C-1' }, NOW).ok).toBe(true);
  });

  it('refuses a training completed on a day that has not yet come (R16.2)', () => {
    const result = assertTrainingRecordable({ course: 'x', completedOn: '2026-03-03' }, NOW);
    expect(!result.ok && result.error.code).toBe('CUSTOS_INPUT_TRAINING_IN_FUTURE');
  });

  it.each(['2026-02-30', '2026-13-01', '1.3.2026', '2026-3-1'])('refuses %s, which is no calendar day (R16.2)', (completedOn) => {
    const result = assertTrainingRecordable({ course: 'x', completedOn }, NOW);
    expect(!result.ok && result.error.code).toBe('CUSTOS_INPUT_TRAINING_DATE_INVALID');
  });

  it("keeps operators to owners' staff (R16.2)", () => {
    expect(assertOperatorOrganisation({ id: 'owner-mall', type: 'OWNER' }).ok).toBe(true);
    const psb = assertOperatorOrganisation({ id: 'psb-yanta', type: 'PUBLIC_SECURITY' });
    expect(!psb.ok && [psb.error.code, psb.error.rule]).toEqual(['CUSTOS_R16_2_NOT_AN_OWNER', 'R16.2']);
  });

  it('counts an operator as trained once any training is recorded (R16.2)', () => {
    expect(operatorTrained([])).toBe(false);
    expect(operatorTrained([{ course: 'x', completedOn: '2026-01-01' }])).toBe(true);
  });
});
