import { assertNoFee } from './fee';

describe('assertNoFee (R17.5)', () => {
  it('accepts a zero fee (R17.5)', () => {
    expect(assertNoFee(0).ok).toBe(true);
  });

  it.each([0.01, 1, 50, 1000, -5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses a fee of %p (R17.5)',
    (amount) => {
      const result = assertNoFee(amount);
      expect(!result.ok && result.error).toMatchObject({
        code: 'CUSTOS_R17_5_FEE_FORBIDDEN',
        rule: 'R17.5',
      });
    },
  );
});
