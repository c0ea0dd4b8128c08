import { DEFAULT_RULE_PACK_CONFIG, FOOTAGE_USER_TYPES, Officer, Organisation, OrganisationType, err, ok, Result, RulePackConfig, selectRulePack, withRulePack } from '@custos/domain';
import { custodyErrors } from './custody.errors';

/**
 * Whether an item may be passed to `toOrganisationId` (R17.1, CN2025-USE, R18.5): only an organ
 * the registry holds that may copy or retrieve footage may hold it — under the rule pack of its
 * place at `at` (issue 21: a court under CN2025), or without `at` the Shaanxi list (public
 * security, state security, another administrative department); and a receiver, when one is
 * named, must be a registered officer of that organ. A transfer anywhere else could never be
 * acknowledged and would leave the item stuck.
 */
export function assertTransferTarget(
  toOrganisationId: string,
  target: Organisation | undefined,
  named?: { personId: string; officer: Officer | undefined },
  at?: Date,
  rulePacks: RulePackConfig = DEFAULT_RULE_PACK_CONFIG,
): Result<Organisation> {
  const pack = target && at ? selectRulePack(target.divisionCode, at, rulePacks) : undefined;
  const holders: readonly OrganisationType[] =
    pack === undefined ? FOOTAGE_USER_TYPES : pack.ok ? pack.value.mayRequest.value.COPY.map((p) => p.type) : [];
  if (!target || !holders.includes(target.type)) {
    const refusal = custodyErrors.transferTargetNotAnOrgan(toOrganisationId, target?.type);
    return err(pack?.ok ? withRulePack(refusal, pack.value) : refusal);
  }
  if (named && named.officer?.organisationId !== target.id) return err(custodyErrors.transferReceiverNotOfTarget(named.personId, toOrganisationId));
  return ok(target);
}
