import { Principal } from '@custos/auth';
import { parseDivisionCode } from '@custos/domain';

/**
 * The division-code prefix whose records an oversight body sees (R5.1: its jurisdiction), or
 * null for any other caller.
 */
export function oversightPrefix(principal: Principal): string | null {
  if (!principal.roles.includes('OVERSIGHT')) return null;
  const division = parseDivisionCode(principal.divisionCode);
  return division.ok ? division.value.prefix : null;
}
