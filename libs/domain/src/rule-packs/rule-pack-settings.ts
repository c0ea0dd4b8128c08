import { cn2025Pack } from './cn2025';
import type { ApproverSpec, NationalRelation } from './rule-pack';
import { RulePackComposition, RulePackConfig } from './select-rule-pack';
import { SX2012_PACK } from './sx2012';

/** The settings that choose the packs' composition and the national text's open points, as the environment gives them. */
export interface RulePackSettings {
  readonly RULE_PACK_COMPOSITION: RulePackComposition;
  /** Comma-separated relations (`STRICTER,CONSISTENT`); a `CONFLICTS` entry never stands. */
  readonly RULE_PACK_PROVINCIAL_STANDS: string;
  readonly RULE_PACK_PROVINCIAL_USERS: boolean;
  readonly CN2025_COPY_APPROVER: ApproverSpec;
  readonly CN2025_MINIMUM_OFFICERS: number;
  readonly CN2025_FEES_FORBIDDEN: boolean;
}

export const RULE_PACK_COMPOSITIONS: readonly RulePackComposition[] = ['NATIONAL_WITH_PROVINCIAL', 'HIGHEST_RANK_ONLY'];
export const CN2025_COPY_APPROVERS: readonly ApproverSpec[] = ['REQUESTING_ORGAN_HEAD', 'COUNTY_PSB_HEAD'];

/**
 * The one `RulePackConfig` of a service, from its validated settings (issue 21): the Shaanxi
 * pack and the national pack built with the policy of its unsettled points.
 */
export function rulePackConfigOf(settings: RulePackSettings): RulePackConfig {
  return Object.freeze({
    packs: [
      SX2012_PACK,
      cn2025Pack({
        copyApprover: settings.CN2025_COPY_APPROVER,
        minimumOfficers: settings.CN2025_MINIMUM_OFFICERS,
        feesForbidden: settings.CN2025_FEES_FORBIDDEN,
      }),
    ],
    composition: settings.RULE_PACK_COMPOSITION,
    provincialStands: settings.RULE_PACK_PROVINCIAL_STANDS.split(',')
      .map((s) => s.trim())
      .filter((s): s is NationalRelation => s === 'STRICTER' || s === 'CONSISTENT'),
    provincialUsersBeyondNational: settings.RULE_PACK_PROVINCIAL_USERS,
  } satisfies RulePackConfig);
}
