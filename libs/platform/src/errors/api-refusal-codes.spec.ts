import 'reflect-metadata';
import { ApiRefusalCodes } from './error-body.dto';

describe('ApiRefusalCodes', () => {
  it("documents each code under its catalogue's status: a rule's, an edge code's (a failing neighbour 502/503), an unknown one's under 400", () => {
    class Documented {
      @ApiRefusalCodes('CUSTOS_R3_1_EVIDENCE_ITEM_NOT_FOUND', 'CUSTOS_DOWNSTREAM_FAILED', 'CUSTOS_DOWNSTREAM_UNAVAILABLE', 'CUSTOS_INPUT_CURSOR_INVALID', 'CUSTOS_VALIDATION_FAILED')
      act(): void {}
    }
    const responses = Reflect.getMetadata('swagger/apiResponse', Documented.prototype.act) as Record<string, { description: string }>;
    expect(Object.fromEntries(Object.entries(responses).map(([status, r]) => [status, r.description]))).toEqual({
      '404': 'CUSTOS_R3_1_EVIDENCE_ITEM_NOT_FOUND',
      '502': 'CUSTOS_DOWNSTREAM_FAILED',
      '503': 'CUSTOS_DOWNSTREAM_UNAVAILABLE',
      '400': 'CUSTOS_INPUT_CURSOR_INVALID, CUSTOS_VALIDATION_FAILED',
    });
  });
});
