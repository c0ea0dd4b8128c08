import { FOOTAGE_USER_TYPES, Officer, Organisation, err, ok, Result } from '@custos/domain';
import { custodyErrors } from './custody.errors';

/**
 * Whether an item may be passed to `toOrganisationId` (R17.1, R18.5): only an enforcement organ
 * the registry holds (public security, state security, another administrative department) may
 * hold footage; and a receiver, when one is named, must be a registered officer of that organ.
 * A transfer anywhere else could never be acknowledged and would leave the item stuck.
 */
export function assertTransferTarget(
  toOrganisationId: string,
  target: Organisation | undefined,
  named?: { personId: string; officer: Officer | undefined },
): Result<Organisation> {
  if (!target || !FOOTAGE_USER_TYPES.includes(target.type)) return err(custodyErrors.transferTargetNotAnOrgan(toOrganisationId, target?.type));
  if (named && named.officer?.organisationId !== target.id) return err(custodyErrors.transferReceiverNotOfTarget(named.personId, toOrganisationId));
  return ok(target);
}
