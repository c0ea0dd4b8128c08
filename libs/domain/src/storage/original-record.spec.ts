import { assertOriginalOperationAllowed, OriginalOperation } from './original-record';

describe('assertOriginalOperationAllowed (R16.3)', () => {
  it.each([
    ['CREATE', false, 'ALLOWED'],
    ['CREATE', true, 'CUSTOS_R16_3_ORIGINAL_IMMUTABLE'],
    ['OVERWRITE', true, 'CUSTOS_R16_3_ORIGINAL_IMMUTABLE'],
    ['DELETE', true, 'CUSTOS_R16_3_ORIGINAL_IMMUTABLE'],
    ['SHORTEN_RETENTION', true, 'CUSTOS_R16_3_ORIGINAL_IMMUTABLE'],
    ['EXTEND_RETENTION', true, 'ALLOWED'],
    ['EXTEND_RETENTION', false, 'CUSTOS_R16_3_ORIGINAL_IMMUTABLE'],
  ] as const)(
    '%s on an original that exists=%s: %s (R16.3)',
    (operation: OriginalOperation, exists, expected) => {
      const result = assertOriginalOperationAllowed(operation, {
        key: 'sys-1/cam-1/2026-02-15T10.mp4',
        exists,
      });
      expect(result.ok ? 'ALLOWED' : result.error.code).toBe(expected);
    },
  );
});
