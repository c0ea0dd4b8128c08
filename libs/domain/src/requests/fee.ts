import { domainErrorOf } from '../errors';
import { err, ok, Result } from '../result';

/**
 * Owners and managers may not charge any fee for a view, copy or retrieval (R17.5). Any
 * amount other than zero is refused, whatever its unit or sign; so is a non-number, which
 * cannot be shown to be zero.
 */
export function assertNoFee(amount: number): Result<void> {
  if (amount === 0) return ok();
  return err(
    domainErrorOf('CUSTOS_R17_5_FEE_FORBIDDEN', {
      amount: Number.isFinite(amount) ? amount : String(amount),
    }),
  );
}
