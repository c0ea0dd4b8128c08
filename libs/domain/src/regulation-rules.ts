/** The rule IDs of the Shaanxi measures (REGULATION.md; pack SX2012: `R17.3` is `SX2012-R17.3`). */
export const SX2012_RULE_IDS = [
  'R2.1', 'R3.1', 'R5.1', 'R7.1', 'R7.2', 'R8.1', 'R11.1', 'R15.1',
  'R16.1', 'R16.2', 'R16.3', 'R16.4', 'R16.5', 'R16.6', 'R16.7',
  'R17.1', 'R17.2', 'R17.3', 'R17.4', 'R17.5',
  'R18.1', 'R18.2', 'R18.3', 'R18.4', 'R18.5',
  'R19.1', 'R22.1', 'R23.1', 'R24.1', 'R25.1', 'R26.1', 'R27.1',
] as const;

/**
 * The rule IDs of the national regulation of 2025 (State Council Order No. 799), pack CN2025.
 * Named by topic, not article, until the article numbers are checked against the official
 * text (docs/REGULATION.md, "CN2025"); `CN2025_PACK.source.rules` holds each one's source.
 */
export const NATIONAL_RULE_IDS = [
  'CN2025-SCOPE', 'CN2025-CONTROL', 'CN2025-RETAIN', 'CN2025-USE', 'CN2025-PUBLISH', 'CN2025-VENDOR',
] as const;
export type NationalRuleId = (typeof NATIONAL_RULE_IDS)[number];

/**
 * The rule IDs of both texts, for the places where a person cites one as the basis of an act
 * (a head's denial, R26.1) rather than the code citing it for them.
 */
export const REGULATION_RULE_IDS = [...SX2012_RULE_IDS, ...NATIONAL_RULE_IDS] as const;
export type RegulationRuleId = (typeof REGULATION_RULE_IDS)[number];

/** Any rule a code may cite: a Shaanxi rule (`R17.3`, alias of `SX2012-R17.3`) or a national one. */
export type RuleId = RegulationRuleId;
