import { domainErrorOf } from '../errors';
import { OrganisationType } from '../organisation/organisation-type';
import { DomainError, err, ok, Result } from '../result';
import type { RequestKind } from '../requests/request-kinds';
import { CN2025_PACK } from './cn2025';
import { ApprovalEntry, NationalRelation, PackEntry, RANKS, RequestPermission, RulePack, RulePackRef, rulePackRefOf } from './rule-pack';
import { SX2012_PACK } from './sx2012';

/**
 * How packs combine where two apply (issue 21), a documented setting, never hidden:
 * - `NATIONAL_WITH_PROVINCIAL` (default): the higher-ranking text prevails; a provincial entry
 *   whose relation to it is in `provincialStands` stands beside it (default: STRICTER and
 *   CONSISTENT — a stricter or identical provincial rule does not conflict), any other is
 *   displaced by the national one; where the national text is silent the provincial rule
 *   stands unless it CONFLICTS.
 * - `HIGHEST_RANK_ONLY`: only the highest-ranking applicable text applies.
 */
export type RulePackComposition = 'NATIONAL_WITH_PROVINCIAL' | 'HIGHEST_RANK_ONLY';

export interface RulePackConfig {
  /** The packs Custos knows; adding a text is adding a pack here. */
  readonly packs: readonly RulePack[];
  /** `RULE_PACK_COMPOSITION`. */
  readonly composition: RulePackComposition;
  /** `RULE_PACK_PROVINCIAL_STANDS`: which provincial entries stand beside the national text. */
  readonly provincialStands: readonly NationalRelation[];
  /**
   * `RULE_PACK_PROVINCIAL_USERS`: whether organs the provincial text lets use footage, and the
   * national text does not name (other administrative departments; direct access), keep that
   * right. Default true: the national list says who "may" (可以), not who alone may.
   */
  readonly provincialUsersBeyondNational: boolean;
}

export const DEFAULT_RULE_PACK_CONFIG: RulePackConfig = Object.freeze({
  packs: [SX2012_PACK, CN2025_PACK],
  composition: 'NATIONAL_WITH_PROVINCIAL',
  provincialStands: ['STRICTER', 'CONSISTENT'],
  provincialUsersBeyondNational: true,
} satisfies RulePackConfig);

/** Whether a pack governs a division (its code starts with one of the pack's prefixes) at an instant. */
export function packApplies(pack: RulePack, division: string, at: Date): boolean {
  const t = at.getTime();
  return (
    pack.territory.some((prefix) => division.startsWith(prefix)) &&
    Date.parse(pack.validFrom) <= t &&
    (pack.validTo === null || t < Date.parse(pack.validTo))
  );
}

/**
 * The pack that governs an act at `division` (where the system stands) at the instant `at`:
 * the one applicable pack, or the composition of the national and the provincial one (see
 * `RulePackComposition`). Refused when no pack applies (nothing authorises the act).
 */
export function selectRulePack(
  division: string,
  at: Date,
  config: RulePackConfig = DEFAULT_RULE_PACK_CONFIG,
): Result<RulePack> {
  const applicable = config.packs
    .filter((p) => packApplies(p, division, at))
    .sort((a, b) => RANKS[b.rank] - RANKS[a.rank]);
  if (applicable.length === 0) {
    return err(domainErrorOf('CUSTOS_RULE_PACK_NONE_APPLIES', { division, at: at.toISOString() }));
  }
  const [highest, next] = applicable;
  if (next === undefined || config.composition === 'HIGHEST_RANK_ONLY') return ok(highest);
  return ok(composeRulePacks(highest, next, config));
}

/**
 * The pack of an act on several systems: each system's place must select the same pack,
 * else the request is refused (one request per place; a request never mixes two texts).
 */
export function selectRulePackForPlaces(
  divisions: readonly string[],
  at: Date,
  config: RulePackConfig = DEFAULT_RULE_PACK_CONFIG,
): Result<RulePack> {
  let chosen: RulePack | undefined;
  for (const division of new Set(divisions)) {
    const pack = selectRulePack(division, at, config);
    if (!pack.ok) return pack;
    if (chosen !== undefined && (chosen.id !== pack.value.id || chosen.version !== pack.value.version)) {
      return err(
        domainErrorOf('CUSTOS_INPUT_RULE_PACKS_DIFFER', {
          divisions: [...divisions],
          packs: [`${chosen.id}@${chosen.version}`, `${pack.value.id}@${pack.value.version}`],
        }),
      );
    }
    chosen = pack.value;
  }
  if (chosen === undefined) return err(domainErrorOf('CUSTOS_RULE_PACK_NONE_APPLIES', { divisions: [] }));
  return ok(chosen);
}

/**
 * The effective pack where a national (higher) and a provincial (lower) text both apply; its
 * id names both, national first (`CN2025+SX2012`), and so does its version, so that an event
 * recording it proves which two texts, in which versions, were applied together.
 */
export function composeRulePacks(national: RulePack, provincial: RulePack, config: RulePackConfig): RulePack {
  const stands = (entry: PackEntry<unknown> | null): boolean =>
    entry !== null && entry.relation !== undefined && config.provincialStands.includes(entry.relation);
  function pick<T>(nat: PackEntry<T> | null, prov: PackEntry<T> | null): PackEntry<T> | null {
    if (nat === null) return prov !== null && prov.relation !== 'CONFLICTS' ? prov : null;
    return stands(prov) ? prov : nat;
  }
  const provincialStandsForUse = stands(provincial.mayRequest);
  const kinds = Object.keys(national.mayRequest.value) as RequestKind[];
  const mayRequest = Object.fromEntries(
    kinds.map((kind) => [kind, mergeUsers(national.mayRequest.value[kind], provincial.mayRequest.value[kind], provincialStandsForUse, config)]),
  ) as RulePack['mayRequest']['value'];
  const approvalKinds = Object.keys(national.approval.value) as (keyof RulePack['approval']['value'])[];
  const approval = Object.fromEntries(
    approvalKinds.map((kind) => [
      kind,
      mergeRoutes(national.approval.value[kind], provincial.approval.value[kind], stands(provincial.approval), config),
    ]),
  ) as RulePack['approval']['value'];
  const retention = pick(national.retention, provincial.retention)!;
  return Object.freeze({
    id: `${national.id}+${provincial.id}`,
    version: `${national.version}+${provincial.version}`,
    rank: national.rank,
    source: national.source,
    territory: provincial.territory,
    validFrom: [national.validFrom, provincial.validFrom].sort((a, b) => Date.parse(b) - Date.parse(a))[0],
    validTo: national.validTo ?? provincial.validTo,
    mayRequest: { rule: national.mayRequest.rule, value: mayRequest },
    // A refusal of who may request cites the provincial text where its list stands, as it always has.
    refusalCodes: provincialStandsForUse ? provincial.refusalCodes : national.refusalCodes,
    approval: { rule: national.approval.rule, value: approval },
    officers: pick(national.officers, provincial.officers)!,
    // A floor is never lowered by composition, whichever text is cited.
    retention: {
      ...retention,
      value: {
        ...retention.value,
        floorDays: Math.max(national.retention.value.floorDays, provincial.retention.value.floorDays),
      },
    },
    fees: pick(national.fees, provincial.fees),
    publicDissemination: pick(national.publicDissemination, provincial.publicDissemination),
    vendorNeutral: pick(national.vendorNeutral, provincial.vendorNeutral),
    unsettled: [...national.unsettled, ...provincial.unsettled],
  } satisfies RulePack);
}

/**
 * Who may file a kind under the composition: the national list; an organ both texts name keeps
 * the provincial entry (its rule and purpose) where the provincial list stands; an organ only
 * the provincial text names keeps its right under `provincialUsersBeyondNational`.
 */
function mergeUsers(
  national: readonly RequestPermission[],
  provincial: readonly RequestPermission[],
  provincialStands: boolean,
  config: RulePackConfig,
): readonly RequestPermission[] {
  const merged = national.map((n) => (provincialStands && provincial.find((p) => p.type === n.type)) || n);
  const beyond = provincial.filter((p) => !national.some((n) => n.type === p.type));
  return config.provincialUsersBeyondNational ? [...merged, ...beyond] : merged;
}

function mergeRoutes(
  national: { readonly [T in OrganisationType]?: ApprovalEntry },
  provincial: { readonly [T in OrganisationType]?: ApprovalEntry },
  provincialStands: boolean,
  config: RulePackConfig,
): { readonly [T in OrganisationType]?: ApprovalEntry } {
  const out: { [T in OrganisationType]?: ApprovalEntry } = { ...national };
  for (const [type, entry] of Object.entries(provincial) as [OrganisationType, ApprovalEntry][]) {
    const national_ = national[type];
    if (national_ === undefined ? config.provincialUsersBeyondNational : provincialStands) out[type] = entry;
  }
  return out;
}

/** Where a request's act takes place: the systems concerned, or (before they are known) the requesting organ. */
export interface RequestPlaces {
  /** The divisions of the systems concerned (their owners'), as recorded at filing; absent or empty when unknown. */
  readonly systemDivisionCodes?: readonly string[];
  readonly requesterDivisionCode: string;
}

/**
 * The pack of an act on a request: the text of the place where its systems stand (the measures
 * of a province govern the systems within it), at the instant of the act — of filing, of
 * co-signing, of deciding — not of an earlier step. Where the systems' places are unknown, the
 * requesting organ's division stands in.
 */
export function selectRulePackForRequest(
  places: RequestPlaces,
  at: Date,
  config: RulePackConfig = DEFAULT_RULE_PACK_CONFIG,
): Result<RulePack> {
  const systems = places.systemDivisionCodes ?? [];
  return selectRulePackForPlaces(systems.length > 0 ? systems : [places.requesterDivisionCode], at, config);
}

/**
 * A refusal made under a pack carries it (`details.rulePack`), so that the refusal event
 * recorded from it proves which text refused (`rulePackOfError`).
 */
export function underRulePack<T>(result: Result<T>, pack: RulePackRef): Result<T> {
  return result.ok ? result : err(withRulePack(result.error, pack));
}

/** The refusal `error`, made under `pack` (see `underRulePack`). */
export function withRulePack(error: DomainError, pack: RulePackRef): DomainError {
  return { ...error, details: { ...(error.details ?? {}), rulePack: rulePackRefOf(pack) } };
}

/** The pack a refusal was made under, when it carries one (`underRulePack`). */
export function rulePackOfError(error: { readonly details?: Readonly<Record<string, unknown>> }): RulePackRef | undefined {
  const ref = error.details?.rulePack as Partial<RulePackRef> | undefined;
  return typeof ref?.id === 'string' && typeof ref.version === 'string' ? { id: ref.id, version: ref.version } : undefined;
}

/**
 * The `rulePack` field of an event decided at `division` at `at`: the governing pack's
 * reference, or nothing where no pack governs (then no text is claimed).
 */
export function rulePackFieldAt(
  division: string,
  at: Date,
  config: RulePackConfig = DEFAULT_RULE_PACK_CONFIG,
): { rulePack?: RulePackRef } {
  const pack = selectRulePack(division, at, config);
  return pack.ok ? { rulePack: rulePackRefOf(pack.value) } : {};
}
