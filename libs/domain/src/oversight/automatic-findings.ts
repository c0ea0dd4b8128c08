import { PenaltyArticle, penaltyArticleOf } from './oversight-acts';

/**
 * What oversight finds in the other services' events without an inspection (issue 20): each a
 * fact another service already recorded as a refusal or a finding, read as a breach of the rule
 * it cites. The service maps event types to these kinds; the rule and article are decided here.
 */
export const AUTOMATIC_FINDINGS = {
  /** R8.1: someone tried to register a camera where Art. 8 forbids it (R22.1 applies to one that exists). */
  FORBIDDEN_CAMERA_REGISTRATION: { rule: 'R8.1', description: 'a camera was to be registered in a place where Article 8 forbids cameras; the registry refused it' },
  /** R8.1: a reported change would have moved a camera to a forbidden place. */
  FORBIDDEN_CAMERA_CHANGE: { rule: 'R8.1', description: 'a reported change would have moved a camera to a place where Article 8 forbids cameras' },
  /** R11.1: a system in a public place shows no conspicuous sign. */
  SIGNAGE_MISSING: { rule: 'R11.1', description: 'a system in a public place shows no conspicuous sign' },
  /** R15.1: an Article 7 system reported its change after the 30 days. */
  LATE_CHANGE_REPORT: { rule: 'R15.1', description: 'a change of an Article 7 system was reported to the county PSB after the 30 days' },
  /** R16.3: an attempt to overwrite or delete an original record. */
  ORIGINAL_ALTERATION_ATTEMPT: { rule: 'R16.3', description: 'an attempt to overwrite or delete an original record was refused' },
  /** R17.5: an owner tried to charge a fee for footage. */
  FEE_ATTEMPT: { rule: 'R17.5', description: 'an owner tried to charge a fee for a view, copy or retrieval' },
  /** R16.7: a retention below the 30-day floor was attempted. */
  RETENTION_BELOW_FLOOR: { rule: 'R16.7', description: 'a retention below the 30-day floor was set or attempted' },
} as const satisfies Record<string, { rule: string; description: string }>;
export type AutomaticFindingKind = keyof typeof AUTOMATIC_FINDINGS;

export interface AutomaticFinding {
  readonly rule: string;
  /** The penalty article (R22.1–R25.1), absent where the regulation attaches none (R17.5). */
  readonly penaltyRule?: PenaltyArticle;
  readonly description: string;
}

/** The finding a kind of event raises: its rule, penalty article and description. */
export function automaticFindingOf(kind: AutomaticFindingKind): AutomaticFinding {
  const { rule, description } = AUTOMATIC_FINDINGS[kind];
  const penaltyRule = penaltyArticleOf(rule);
  return penaltyRule ? { rule, penaltyRule, description } : { rule, description };
}

/**
 * R7.1, R7.2: a site that must have an image system has none in use once the grace has passed
 * (`MANDATORY_SITE_GRACE_DAYS`). The rule is the site category's; the measures attach no
 * penalty article to Article 7, so the PSB orders rectification only.
 */
export function mandatorySiteFinding(rule: 'R7.1' | 'R7.2', site: { id: string; name: string }): AutomaticFinding {
  return { rule, description: `the site ${site.name} (${site.id}), which Article 7 requires to have an image system, has none in use after the grace period` };
}
