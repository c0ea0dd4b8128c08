import { domainErrorOf, ERROR_CATALOGUE, ErrorCode, httpStatusOf, isErrorCode } from './errors';

const entries = Object.entries(ERROR_CATALOGUE);

describe('the error catalogue (R26.1)', () => {
  it.each(entries)('%s starts with the rule it cites, or with no rule when it cites none (R26.1)', (code, spec) => {
    if (spec.rule === null) expect(code).not.toMatch(/^CUSTOS_(R\d+_\d+|CN2025_[A-Z]+)_/);
    else expect(code.startsWith(`CUSTOS_${spec.rule.replace(/[.-]/g, '_')}_`)).toBe(true);
  });

  it.each(entries)('%s cites a rule of the form R<article>.<n> (SX2012) or CN2025-<TOPIC>, or none, and a reason', (_code, spec) => {
    if (spec.rule !== null) expect(spec.rule).toMatch(/^(?:R\d+\.\d+|CN2025-[A-Z]+)$/);
    expect(spec.reason.length).toBeGreaterThan(10);
  });

  it('cites no rule for checks of the input form: those are not R18.4', () => {
    for (const [code, spec] of entries.filter(([c]) => c.startsWith('CUSTOS_INPUT_'))) {
      expect([code, spec.rule]).toEqual([code, null]);
    }
    expect(ERROR_CATALOGUE.CUSTOS_INPUT_WINDOW_EMPTY.rule).toBeNull();
    expect(ERROR_CATALOGUE.CUSTOS_INPUT_WINDOW_IN_FUTURE.rule).toBeNull();
  });

  it('gives every refusal a 4xx (or 502 when a neighbour failed, 503 when a key failed its check) and no status only to findings', () => {
    for (const [code, spec] of entries) {
      expect([400, 401, 403, 404, 409, 415, 416, 502, 503, null]).toContain(spec.httpStatus);
      if (spec.httpStatus === 503) expect(code).toBe('CUSTOS_R18_5_SIGNING_KEY_MISMATCH');
      if (spec.httpStatus === null) {
        expect(code).toMatch(/LATE_REPORT|SIGNAGE_MISSING|DELIVERY_ABANDONED|INGEST_RECONCILED|ORIGINAL_UNRECORDED|UPLOAD_SWEEP_FAILED/);
      }
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

  it('builds a rule-less error for a check of the input form', () => {
    expect(domainErrorOf('CUSTOS_INPUT_WINDOW_EMPTY')).toEqual({
      code: 'CUSTOS_INPUT_WINDOW_EMPTY',
      rule: null,
      message: ERROR_CATALOGUE.CUSTOS_INPUT_WINDOW_EMPTY.reason,
    });
  });

  it('maps codes to statuses and knows nothing of foreign codes', () => {
    expect(httpStatusOf('CUSTOS_R18_1_SECOND_OFFICER_REQUIRED')).toBe(403);
    expect(httpStatusOf('CUSTOS_R16_3_ORIGINAL_IMMUTABLE')).toBe(409);
    expect(httpStatusOf('CUSTOS_R16_7_RETENTION_TOO_SHORT')).toBe(400);
    expect(httpStatusOf('CUSTOS_R15_1_LATE_REPORT')).toBeNull();
    expect(httpStatusOf('CUSTOS_R3_1_EVIDENCE_ITEM_NOT_FOUND')).toBe(404);
    expect(httpStatusOf('toString')).toBeUndefined();
    expect(isErrorCode('NOT_A_CODE')).toBe(false);
  });
});
