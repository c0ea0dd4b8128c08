import type { ErrorCode } from '../errors';
import type { OrganisationLevel, OrganisationType } from '../organisation/organisation-type';
import type { RequestKind } from '../requests/request-kinds';

/**
 * A rule pack: one legal text's decisions as data (issue 21), so that the pure rules take the
 * text as an input and a new text is a new pack, not new code. Packs are identified by a short
 * id (`SX2012`, `CN2025`) and a version of Custos's encoding of that text: a corrected reading
 * is a new version, and every decision event records `{id, version}` of the pack it applied.
 *
 * Rule IDs carry their pack: `SX2012-R17.3`, `CN2025-USE`. The bare Shaanxi IDs (`R17.3`) are
 * aliases of `SX2012-…` and stay valid everywhere they are already cited (error codes, tests).
 */
export type RulePackId = 'SX2012' | 'CN2025';

/** What a decision event records: the pack (or composition of packs) and its version. */
export interface RulePackRef {
  /** `SX2012`, `CN2025`, or a composition `CN2025+SX2012` (national first). */
  readonly id: string;
  readonly version: string;
}

/** How sure Custos is of a point of a text: see docs/REGULATION.md, "sources". */
export type SourceCertainty = 'OFFICIAL_TEXT' | 'THIRD_PARTY_REPOST' | 'INTERPRETATION';

/** One provision a pack's rule rests on. */
export interface RuleSource {
  /** The article (and paragraph/item) as the text numbers it; `null` where not yet checked against the official text. */
  readonly article: string | null;
  /** The Chinese words, where known. */
  readonly textZh?: string;
  readonly certainty: SourceCertainty;
}

export interface RulePackSource {
  readonly title: string;
  readonly titleZh: string;
  readonly issuingBody: string;
  /** Order number and dates as published. */
  readonly order: string;
  readonly adopted?: string;
  readonly published: string;
  readonly inForce: string;
  /** Where Custos's reading of the text came from. */
  readonly basis: string;
  /** Every rule ID of the pack, with the provision behind it. */
  readonly rules: Readonly<Record<string, RuleSource>>;
}

/** Ranks of Chinese legislation that matter here (Legislation Law art. 99–100): higher wins. */
export const RANKS = { PROVINCIAL_GOVERNMENT_RULE: 1, ADMINISTRATIVE_REGULATION: 3 } as const;
export type Rank = keyof typeof RANKS;

/** An organ type that may file a request of a kind, for a purpose, under a rule. */
export interface RequestPermission {
  readonly type: OrganisationType;
  readonly rule: string;
  /** The lowest level an organ of this type must have (CN2025: county-level+ departments for emergencies). */
  readonly minLevel?: OrganisationLevel;
  /** The purpose the text ties the permission to (judicial work, administrative enforcement, emergencies). */
  readonly purpose: string;
}

/**
 * Whose head approves a copy, retrieval or direct access:
 * - `REQUESTING_ORGAN_HEAD`: the head of the requesting organ itself (R17.2);
 * - `COUNTY_PSB_HEAD`: the head of a county-level-or-higher PSB whose jurisdiction covers the request (R17.3);
 * - `COUNTY_HEAD_OF_OWN_TYPE`: the head of a county-level-or-higher organ of the requester's own type (R17.4).
 */
export type ApproverSpec = 'REQUESTING_ORGAN_HEAD' | 'COUNTY_PSB_HEAD' | 'COUNTY_HEAD_OF_OWN_TYPE';

export interface ApprovalEntry {
  /** The rule the route cites (its refusal codes are `APPROVAL_RULE_CODES[rule]`). */
  readonly rule: string;
  readonly approver: ApproverSpec;
}

/** How a provincial entry stands beside the national text: see `composeRulePacks`. */
export type NationalRelation = 'STRICTER' | 'CONSISTENT' | 'CONFLICTS';

/** An entry of a pack with its rule and, in a provincial pack, how it relates to the national text. */
export interface PackEntry<T> {
  readonly value: T;
  readonly rule: string;
  /** Set in a provincial pack only. */
  readonly relation?: NationalRelation;
}

/** Features a publication must have masked (CN2025-PUBLISH: 个人特征、机动车号牌等隐私信息). */
export const MASKED_FEATURES = ['FACE', 'PERSONAL_FEATURES', 'LICENCE_PLATE', 'OTHER_PRIVATE_INFORMATION'] as const;
export type MaskedFeature = (typeof MASKED_FEATURES)[number];

/** The refusal codes of a pack for who-may-request, so a refusal cites the text that refused. */
export interface RequestRefusalCodes {
  readonly requesterNotAllowed: ErrorCode;
  readonly directAccessNotAllowed: ErrorCode;
}

/**
 * The rule decisions of one text. Each entry says what the text requires and the rule that says
 * so; an entry the text does not settle is `null` where nothing applies, or a named policy
 * (`unsettled`) with its default.
 */
export interface RulePack extends RulePackRef {
  readonly source: RulePackSource;
  readonly rank: Rank;
  /** Division-code prefixes the text governs; `''` is the whole country. */
  readonly territory: readonly string[];
  /** The instant the text (as encoded) came into force, ISO 8601 with its offset (Beijing time). */
  readonly validFrom: string;
  /** The instant it ceased to apply, or null. */
  readonly validTo: string | null;

  /** Who may file each kind of request (organ types, purposes, rules). */
  readonly mayRequest: PackEntry<{ readonly [K in RequestKind]: readonly RequestPermission[] }>;
  readonly refusalCodes: RequestRefusalCodes;
  /** Who approves a copy, retrieval or direct access, by kind and requester type; VIEW needs none. */
  readonly approval: PackEntry<{
    readonly [K in Exclude<RequestKind, 'VIEW'>]: { readonly [T in OrganisationType]?: ApprovalEntry };
  }>;
  /** The fewest distinct, qualified officers at each act, and what they show. */
  readonly officers: PackEntry<{
    readonly minimum: number;
    readonly credentialShown: boolean;
    readonly registration: boolean;
    readonly approvalDocumentShown: boolean;
  }>;
  /** Retention floor in days. */
  readonly retention: PackEntry<{ readonly floorDays: number; readonly refusalCode: ErrorCode }>;
  /** Whether owners may charge for a view, copy or retrieval; null where the text says nothing and no policy applies. */
  readonly fees: PackEntry<{ readonly forbidden: boolean; readonly refusalCode: ErrorCode }> | null;
  /** What footage must have masked before public dissemination; null where the text says nothing. */
  readonly publicDissemination: PackEntry<{ readonly masked: readonly MaskedFeature[]; readonly refusalCode: ErrorCode }> | null;
  /** The text forbids state organs to designate equipment brands or vendors; null where silent. */
  readonly vendorNeutral: PackEntry<true> | null;
  /** Points the known text does not settle, each with the named setting that decides it. */
  readonly unsettled: readonly UnsettledPoint[];
}

export interface UnsettledPoint {
  readonly setting: string;
  readonly question: string;
  readonly default: string;
}

/** The pack-qualified form of a rule ID: `R17.3` → `SX2012-R17.3`; an already qualified ID is returned as is. */
export function qualifiedRuleId(rule: string): string {
  return /^R\d+\.\d+$/.test(rule) ? `SX2012-${rule}` : rule;
}

/** The reference an event records. */
export function rulePackRefOf(pack: RulePackRef): RulePackRef {
  return { id: pack.id, version: pack.version };
}
