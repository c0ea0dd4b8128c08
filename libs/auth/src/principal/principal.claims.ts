import { domainError, DomainError, err, isOrganisationType, isValidDivisionCode, ok, Result } from '@custos/domain';
import { AUTH_ERROR_CATALOGUE } from '../errors/auth-error.catalogue';
import { Principal } from './principal';
import { isRole } from './role';

/**
 * Names of the custom claims. They are namespaced so that they never collide with claims an
 * OIDC provider adds itself; Keycloak emits them through protocol mappers (README.md).
 */
export const CUSTOS_CLAIMS = {
  person: 'custos:person',
  organisation: 'custos:org',
  organisationType: 'custos:org_type',
  division: 'custos:division',
  roles: 'custos:roles',
  credential: 'custos:credential',
} as const;

/** The claims that carry a principal, as the dev issuer signs them and Keycloak must map them. */
export interface PrincipalClaims {
  readonly sub: string;
  readonly 'custos:person': string;
  readonly 'custos:org': string;
  readonly 'custos:org_type': string;
  readonly 'custos:division': string;
  readonly 'custos:roles': readonly string[];
  readonly 'custos:credential'?: string;
  /** OAuth scopes, space-separated (RFC 9068); a service's token carries those of its client. */
  readonly scope?: string;
}

export function principalToClaims(principal: Principal): PrincipalClaims {
  const claims: PrincipalClaims = {
    sub: principal.subject,
    [CUSTOS_CLAIMS.person]: principal.personId,
    [CUSTOS_CLAIMS.organisation]: principal.organisationId,
    [CUSTOS_CLAIMS.organisationType]: principal.organisationType,
    [CUSTOS_CLAIMS.division]: principal.divisionCode,
    [CUSTOS_CLAIMS.roles]: [...principal.roles],
  };
  const withScopes = principal.scopes?.length ? { ...claims, scope: principal.scopes.join(' ') } : claims;
  return principal.credentialNumber === undefined
    ? withScopes
    : { ...withScopes, [CUSTOS_CLAIMS.credential]: principal.credentialNumber };
}

const missing = (claim: string): DomainError =>
  domainError(
    'CUSTOS_AUTH_CLAIMS_MISSING',
    AUTH_ERROR_CATALOGUE.CUSTOS_AUTH_CLAIMS_MISSING.rule,
    `claim ${claim} is missing`,
    {
      claim,
    },
  );

const invalid = (claim: string, problem: string): DomainError =>
  domainError(
    'CUSTOS_AUTH_CLAIMS_INVALID',
    AUTH_ERROR_CATALOGUE.CUSTOS_AUTH_CLAIMS_INVALID.rule,
    `claim ${claim} ${problem}`,
    { claim },
  );

const isPresent = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

function requiredString(payload: Readonly<Record<string, unknown>>, claim: string): Result<string> {
  const value = payload[claim];
  if (!isPresent(value)) return err(missing(claim));
  if (typeof value !== 'string' || value.trim() !== value) return err(invalid(claim, 'must be a trimmed string'));
  return ok(value);
}

/**
 * Where each part of a principal is found in a token: a claim name, or a dotted path into
 * nested claims when no claim has that exact name (Keycloak realm roles: `realm_access.roles`).
 * Any standards-compliant provider works by mapping alone (CUSTOS_AUTH_*_CLAIM settings).
 */
export interface ClaimMapping {
  readonly person: string;
  readonly organisation: string;
  readonly organisationType: string;
  readonly division: string;
  readonly roles: string;
  readonly credential: string;
}

export const DEFAULT_CLAIM_MAPPING: ClaimMapping = {
  person: CUSTOS_CLAIMS.person,
  organisation: CUSTOS_CLAIMS.organisation,
  organisationType: CUSTOS_CLAIMS.organisationType,
  division: CUSTOS_CLAIMS.division,
  roles: CUSTOS_CLAIMS.roles,
  credential: CUSTOS_CLAIMS.credential,
};

/** The claim's value by exact name first (namespaced names may hold dots), else by dotted path. */
export function claimAt(payload: Readonly<Record<string, unknown>>, path: string): unknown {
  if (Object.prototype.hasOwnProperty.call(payload, path)) return payload[path];
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** OAuth scopes of the token: RFC 9068 `scope` (space-separated) or the `scp` array some providers use. */
export function scopesOfClaims(payload: Readonly<Record<string, unknown>>): string[] {
  const { scope, scp } = payload;
  if (typeof scope === 'string') return scope.split(' ').filter((s) => s !== '');
  if (Array.isArray(scp)) return scp.filter((s): s is string => typeof s === 'string' && s !== '');
  return [];
}

/**
 * Reads a principal from verified claims. Deny by default: a missing or unknown value refuses
 * the whole token rather than yielding a principal with less in it, because a half-mapped
 * token means a misconfigured issuer, and that should be loud (R3.1). An empty roles claim is
 * refused too: a token that opens no door names no one Custos knows. Where roles share a claim
 * with the provider's own (another claim than `custos:roles`, e.g. Keycloak's realm roles, which
 * hold `offline_access`), roles Custos does not know are left out, and one known role must remain.
 */
export function principalFromClaims(
  payload: Readonly<Record<string, unknown>>,
  mapping: ClaimMapping = DEFAULT_CLAIM_MAPPING,
): Result<Principal> {
  const at = (claim: string) => ({ [claim]: claimAt(payload, claim) });
  const subject = requiredString(payload, 'sub');
  if (!subject.ok) return subject;
  const personId = requiredString(at(mapping.person), mapping.person);
  if (!personId.ok) return personId;
  const organisationId = requiredString(at(mapping.organisation), mapping.organisation);
  if (!organisationId.ok) return organisationId;

  const organisationType = requiredString(at(mapping.organisationType), mapping.organisationType);
  if (!organisationType.ok) return organisationType;
  if (!isOrganisationType(organisationType.value)) {
    return err(invalid(mapping.organisationType, 'is not a known organisation type'));
  }

  const divisionCode = requiredString(at(mapping.division), mapping.division);
  if (!divisionCode.ok) return divisionCode;
  if (!isValidDivisionCode(divisionCode.value)) {
    return err(invalid(mapping.division, 'is not a GB/T 2260 division code'));
  }

  const roles = claimAt(payload, mapping.roles);
  if (roles === undefined || roles === null) return err(missing(mapping.roles));
  if (!Array.isArray(roles)) return err(invalid(mapping.roles, 'must be an array of roles'));
  const shared = mapping.roles !== CUSTOS_CLAIMS.roles;
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0 && !shared) return err(invalid(mapping.roles, 'contains a role Custos does not know'));
  const known = [...new Set(roles.filter(isRole))];
  if (known.length === 0) return err(invalid(mapping.roles, 'names no role Custos knows (an empty roles claim opens no door)'));

  const credential = claimAt(payload, mapping.credential);
  if (credential !== undefined && (typeof credential !== 'string' || credential.trim() === '')) {
    return err(invalid(mapping.credential, 'must be a non-empty string'));
  }

  const scopes = scopesOfClaims(payload);
  const principal: Principal = {
    subject: subject.value,
    personId: personId.value,
    organisationId: organisationId.value,
    organisationType: organisationType.value,
    divisionCode: divisionCode.value,
    roles: known,
    ...(scopes.length > 0 ? { scopes } : {}),
  };
  return ok(credential === undefined ? principal : { ...principal, credentialNumber: credential });
}
