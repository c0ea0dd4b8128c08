import { domainErrorOf } from '../errors';
import { levelAtLeast, OrganisationLevel, OrganisationType } from '../organisation/organisation-type';
import { err, ok, Result } from '../result';
import { RulePack } from '../rule-packs/rule-pack';
import { SX2012_PACK } from '../rule-packs/sx2012';
import { REQUEST_KINDS, type RequestKind } from './request-kinds';

export { REQUEST_KINDS, type RequestKind };

export function isRequestKind(value: string): value is RequestKind {
  return (REQUEST_KINDS as readonly string[]).includes(value);
}

/** The organs that may view, copy or retrieve footage (R17.1). */
export const FOOTAGE_USER_TYPES: readonly OrganisationType[] = [
  'PUBLIC_SECURITY',
  'STATE_SECURITY',
  'OTHER_ADMIN',
];
/** The organs that may connect to or directly use a system (R17.4). */
export const DIRECT_ACCESS_USER_TYPES: readonly OrganisationType[] = [
  'PUBLIC_SECURITY',
  'STATE_SECURITY',
];

/** The organ types that may file requests of `kind` under `pack`. */
export function requesterTypesOf(kind: RequestKind, pack: RulePack = SX2012_PACK): readonly OrganisationType[] {
  return pack.mayRequest.value[kind].map((p) => p.type);
}

/**
 * Whether an organisation of this type (and level) may file a request of this kind under the
 * pack: under SX2012 view, copy and retrieval for public security, state security and other
 * administrative departments (R17.1), direct access for public security and state security
 * only (R17.4); under CN2025 view, copy and retrieval also for judicial organs and county-level
 * or higher departments handling emergencies (CN2025-USE). Returns the rule that allows it.
 */
export function assertMayRequest(
  requesterType: OrganisationType,
  kind: RequestKind,
  pack: RulePack = SX2012_PACK,
  requesterLevel?: OrganisationLevel,
): Result<{ rule: string }> {
  const permission = pack.mayRequest.value[kind].find((p) => p.type === requesterType);
  const allowed =
    permission !== undefined &&
    (permission.minLevel === undefined || (requesterLevel !== undefined && levelAtLeast(requesterLevel, permission.minLevel)));
  if (allowed) return ok({ rule: permission.rule });
  const code = kind === 'DIRECT_ACCESS' ? pack.refusalCodes.directAccessNotAllowed : pack.refusalCodes.requesterNotAllowed;
  return err(
    domainErrorOf(code, {
      requesterType,
      kind,
      rulePack: pack.id,
      ...(permission?.minLevel === undefined ? {} : { requesterLevel: requesterLevel ?? null, minLevel: permission.minLevel }),
    }),
  );
}

/**
 * Whether a request needs a head's approval before it can be fulfilled: copy and retrieval
 * (R17.2, R17.3) and direct access (R17.4) do, viewing does not (R17.1).
 */
export function requiresApproval(kind: RequestKind): boolean {
  return kind !== 'VIEW';
}
