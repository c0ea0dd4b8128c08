import { ApiRefusalCodes } from './error-body.dto';
import { refusalStatusOf } from './refusal-status';

describe('refusalStatusOf: a code answered with the status of the one catalogue that defines it (R26.1)', () => {
  it("finds a rule's code, sign-in's, the edge's, the kernel's and the framework's", () => {
    expect(refusalStatusOf('CUSTOS_R18_1_SAME_OFFICER_TWICE')).toBe(403);
    expect(refusalStatusOf('CUSTOS_AUTH_TOKEN_MISSING')).toBe(401);
    expect(refusalStatusOf('CUSTOS_AUTH_ROLE_REQUIRED')).toBe(403);
    expect(refusalStatusOf('CUSTOS_INPUT_IDEMPOTENCY_KEY_REUSED')).toBe(409);
    expect(refusalStatusOf('CUSTOS_DOWNSTREAM_UNAVAILABLE')).toBe(503);
    expect(refusalStatusOf('CUSTOS_ES_QUARANTINE_NOT_FOUND')).toBe(404);
    expect(refusalStatusOf('CUSTOS_VALIDATION_FAILED')).toBe(400);
    expect(refusalStatusOf('CUSTOS_NOT_FOUND')).toBe(404);
  });

  it('knows no status for a code no catalogue holds, and a document may not name one', () => {
    expect(refusalStatusOf('CUSTOS_NO_SUCH_CODE')).toBeUndefined();
    expect(() => ApiRefusalCodes('CUSTOS_NO_SUCH_CODE')).toThrow(/CUSTOS_NO_SUCH_CODE is in no error catalogue/);
  });
});
