import { domainErrorOf, ERROR_CATALOGUE, ErrorCode, httpStatusOf, isErrorCode } from './errors';

const entries = Object.entries(ERROR_CATALOGUE);

describe('the error catalogue (R26.1)', () => {
  it.each(entries)('%s names the rule it cites', (code, spec) => {
    expect(code.startsWith(`CUSTOS_${spec.rule.replace('.', '_')}_`)).toBe(true);
  });

  it.each(entries)('%s cites a rule of the form R<article>.<n> and a reason', (_code, spec) => {
    expect(spec.rule).toMatch(/^R\d+\.\d+$/);
    expect(spec.reason.length).toBeGreaterThan(10);
  });

  it('suggests 400, 403 or 409 for refusals and no status only for findings', () => {
    for (const [code, spec] of entries) {
      expect([400, 403, 409, null]).toContain(spec.httpStatus);
      if (spec.httpStatus === null) expect(code).toMatch(/LATE_REPORT|SIGNAGE_MISSING/);
    }
  });

  it('exposes every code as a constant equal to its name', () => {
    for (const code of Object.keys(ERROR_CATALOGUE)) {
      expect(ErrorCode[code as ErrorCode]).toBe(code);
    }
  });

  it('builds an error whose rule comes from the catalogue (R26.1)', () => {
    expect(domainErrorOf('CUSTOS_R17_5_FEE_FORBIDDEN', { amount: 5 })).toEqual({
      code: 'CUSTOS_R17_5_FEE_FORBIDDEN',
      rule: 'R17.5',
      message: ERROR_CATALOGUE.CUSTOS_R17_5_FEE_FORBIDDEN.reason,
      details: { amount: 5 },
    });
  });

  it('maps codes to statuses and knows nothing of foreign codes', () => {
    expect(httpStatusOf('CUSTOS_R18_1_SECOND_OFFICER_REQUIRED')).toBe(403);
    expect(httpStatusOf('CUSTOS_R16_3_ORIGINAL_IMMUTABLE')).toBe(409);
    expect(httpStatusOf('CUSTOS_R16_7_RETENTION_TOO_SHORT')).toBe(400);
    expect(httpStatusOf('CUSTOS_R15_1_LATE_REPORT')).toBeNull();
    expect(httpStatusOf('toString')).toBeUndefined();
    expect(isErrorCode('NOT_A_CODE')).toBe(false);
  });
});
