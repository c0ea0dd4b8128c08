import { listOf, type RulePackRef, withNote } from '../../i18n';
import { formatInstant } from '../../time';
import { ot, type OfficerKey } from './officer-messages';
import { personLabel, type Names } from './officer-ui';

/** A step of either timeline (the request's or a package's), as the two services answer them. */
export interface AnyStep {
  readonly at: string;
  readonly step: string;
  readonly personId?: string;
  readonly organisationId?: string;
  readonly toOrganisationId?: string;
  /** ESCALATED: the owner that missed the deadline `fulfilBy`; `organisationId` is the supervising PSB (R16.5). */
  readonly ownerOrganisationId?: string;
  readonly fulfilBy?: string;
  readonly credentialNumber?: string;
  readonly officers?: readonly { personId: string; organisationId: string; credentialNumber?: string }[];
  readonly reason?: string;
  readonly code?: string;
  readonly rule?: string;
  readonly documentNumber?: string;
  readonly route?: { rule: string; approverOrgTypes: string[]; minLevel: string | null };
  readonly match?: boolean;
  readonly bytes?: number;
  /** The rule pack the step was decided under (issue 21), from the request's history. */
  readonly rulePack?: RulePackRef;
}

/** Each request step with the pack its history entry records (same kind, same instant); custody's steps unchanged. */
export function withRulePacks(steps: readonly AnyStep[], history: readonly { status: string; at: string; rulePack?: RulePackRef }[] = []): AnyStep[] {
  return steps.map((s) => {
    const entry = history.find((h) => h.rulePack && h.status === s.step && Date.parse(h.at) === Date.parse(s.at));
    return entry ? { ...s, rulePack: entry.rulePack } : s;
  });
}

/** Every id a step names, for one directory call. */
export function idsOf(steps: readonly AnyStep[]): string[] {
  return steps.flatMap((s) => [s.personId, s.organisationId, s.toOrganisationId, s.ownerOrganisationId, ...(s.officers ?? []).flatMap((o) => [o.personId, o.organisationId])].filter((x): x is string => !!x));
}

/** Both timelines as one, oldest first (the request's steps first at one instant). */
export function mergeTimelines(request: readonly AnyStep[], custody: readonly (readonly AnyStep[])[]): AnyStep[] {
  return [...request, ...custody.flat()].map((s, i) => [s, i] as const).sort(([a, i], [b, j]) => a.at.localeCompare(b.at) || i - j).map(([s]) => s);
}

/** One step in a sentence, with names, the credential shown, the rule and the reason. */
export function stepText(step: AnyStep, names: Names): string {
  const first = step.officers?.[0];
  const organisation = names(step.organisationId) ?? step.organisationId ?? '';
  // Heads are not in the officers' directory: a decision unnamed is the head of its organ's.
  const unnamedHead = ['APPROVED', 'DENIED'].includes(step.step) && !names(step.personId) && organisation;
  const person = personLabel(names, step.personId ?? first?.personId, step.organisationId ?? first?.organisationId);
  const route = step.route;
  const params: Record<string, string | number> = {
    person,
    organisation,
    who: unnamedHead ? ot('step.headOf', { organisation }) : withNote(person, organisation),
    to: names(step.toOrganisationId) ?? step.toOrganisationId ?? '',
    owner: names(step.ownerOrganisationId) ?? step.ownerOrganisationId ?? '',
    deadline: step.fulfilBy ? formatInstant(step.fulfilBy) : '',
    persons: listOf((step.officers ?? []).map((o) => withNote(personLabel(names, o.personId, o.organisationId), o.credentialNumber))),
    credential: step.credentialNumber ?? first?.credentialNumber ?? '—',
    reason: step.reason ?? '',
    document: step.documentNumber ?? '',
    match: ot(`match.${step.match !== false}` as OfficerKey),
    bytes: step.bytes ?? 0,
    rule: route?.rule ?? step.rule ?? '',
    approvers: route ? route.approverOrgTypes.map((t) => ot(`orgType.${t}` as OfficerKey)).join(' / ') : '',
    extra: route?.minLevel ? ot('route.minLevel', { level: ot(`level.${route.minLevel}` as OfficerKey) }) : '',
  };
  const text = ot(`step.${step.step}` as OfficerKey, params);
  return withNote(text, step.rule && step.step !== 'ROUTED' && step.rule !== 'NONE' ? step.rule : null);
}

export const stepTime = (step: AnyStep) => formatInstant(step.at);

/** Steps that went wrong show red; the rest green or blue. */
export function stepColour(step: AnyStep): string {
  if (['REFUSED', 'DENIED', 'REVOKED', 'INTEGRITY_MISMATCH', 'EXPIRED', 'FEE_REFUSED', 'DELIVERY_INTERRUPTED', 'ESCALATED'].includes(step.step) || step.match === false) return 'red';
  return ['APPROVED', 'RECEIVED', 'HANDED_OVER', 'TRANSFERRED', 'DELIVERED'].includes(step.step) ? 'green' : 'blue';
}
