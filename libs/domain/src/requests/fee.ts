import { domainErrorOf } from '../errors';
import { err, ok, Result } from '../result';
import { RulePack } from '../rule-packs/rule-pack';
import { SX2012_PACK } from '../rule-packs/sx2012';

/**
 * Owners and managers may not charge any fee for a view, copy or retrieval (R17.5; under CN2025
 * the policy CN2025_FEES_FORBIDDEN). Any amount other than zero is refused, whatever its unit
 * or sign; so is a non-number, which cannot be shown to be zero. A pack with no fee rule
 * refuses nothing.
 */
export function assertNoFee(amount: number, pack: RulePack = SX2012_PACK): Result<void> {
  if (amount === 0 || pack.fees === null || !pack.fees.value.forbidden) return ok();
  return err(
    domainErrorOf(pack.fees.value.refusalCode, {
      amount: Number.isFinite(amount) ? amount : String(amount),
    }),
  );
}
