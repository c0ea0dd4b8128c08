import { domainErrorOf } from '../errors';
import { Officer } from '../officers/officer';
import { Organisation } from '../organisation/organisation';
import { OrganisationType } from '../organisation/organisation-type';
import { FOOTAGE_USER_TYPES } from '../requests/request-kind';
import { err, ok, Result } from '../result';
import { DEFAULT_RULE_PACK_CONFIG, RulePackConfig, selectRulePack, withRulePack } from '../rule-packs/select-rule-pack';
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
    const refusal = domainErrorOf('CUSTOS_R17_1_TRANSFER_TARGET_NOT_AN_ORGAN', { toOrganisationId, ...(target?.type ? { type: target.type } : {}) });
    return err(pack?.ok ? withRulePack(refusal, pack.value) : refusal);
  }
  if (named && named.officer?.organisationId !== target.id) return err(domainErrorOf('CUSTOS_R18_5_TRANSFER_RECEIVER_NOT_OF_TARGET', { toPersonId: named.personId, toOrganisationId }));
  return ok(target);
}
