import { DEFAULT_RULE_PACK_CONFIG, RulePackConfig, rulePackFieldAt, RulePackRef } from '@custos/domain';
import type { EvidenceItem } from '../domain/evidence-item.aggregate';
import type { OfficerDirectory } from '../domain/officer-directory.port';

/**
 * The `rulePack` field of an act on an item at `at` (issue 21): the text of the place of the
 * systems the footage came from — the owner's division, as `HandedOver` reads it — else of
 * `fallbackDivision` (the acting organ's) when the registry does not answer for the owner; with
 * neither, no pack is named rather than a guessed one.
 */
export async function rulePackFieldOfItem(
  officers: OfficerDirectory,
  item: EvidenceItem,
  fallbackDivision: string | undefined,
  at: Date,
  rulePacks: RulePackConfig,
): Promise<{ rulePack?: RulePackRef }> {
  const owner = await officers.organisation(item.opened.ownerOrganisationId).catch(() => undefined);
  const division = owner?.divisionCode ?? fallbackDivision;
  return division === undefined ? {} : rulePackFieldAt(division, at, rulePacks);
}

/** The rule packs the service was configured with, else the built-in ones (issue 21). */
export function configuredRulePacks(options: { readonly rulePacks?: RulePackConfig }): RulePackConfig {
  return options.rulePacks ?? DEFAULT_RULE_PACK_CONFIG;
}
