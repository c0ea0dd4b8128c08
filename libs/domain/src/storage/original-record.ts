import { domainErrorOf } from '../errors';
import { err, ok, Result } from '../result';

export const ORIGINAL_OPERATIONS = [
  'CREATE',
  'OVERWRITE',
  'DELETE',
  'SHORTEN_RETENTION',
  'EXTEND_RETENTION',
] as const;
export type OriginalOperation = (typeof ORIGINAL_OPERATIONS)[number];

/**
 * Original records are write-once (R16.3): an original may be created once and its retention
 * extended (a law may demand longer keeping, R16.7); overwriting, deleting or shortening its
 * retention is refused. Creating an object that already exists is an overwrite.
 * The storage service writes every refusal to the ledger.
 */
export function assertOriginalOperationAllowed(
  operation: OriginalOperation,
  original: { readonly key: string; readonly exists: boolean },
): Result<void> {
  if (operation === 'CREATE' && !original.exists) return ok();
  if (operation === 'EXTEND_RETENTION' && original.exists) return ok();
  return err(
    domainErrorOf('CUSTOS_R16_3_ORIGINAL_IMMUTABLE', {
      operation,
      key: original.key,
      exists: original.exists,
    }),
  );
}
