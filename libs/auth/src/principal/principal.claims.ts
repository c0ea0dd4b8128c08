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
  return principal.credentialNumber === undefined
    ? claims
    : { ...claims, [CUSTOS_CLAIMS.credential]: principal.credentialNumber };
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
 * Reads a principal from verified claims. Deny by default: a missing or unknown value refuses
 * the whole token rather than yielding a principal with less in it, because a half-mapped
 * token means a misconfigured issuer, and that should be loud (R3.1).
 */
export function principalFromClaims(payload: Readonly<Record<string, unknown>>): Result<Principal> {
  const subject = requiredString(payload, 'sub');
  if (!subject.ok) return subject;
  const personId = requiredString(payload, CUSTOS_CLAIMS.person);
  if (!personId.ok) return personId;
  const organisationId = requiredString(payload, CUSTOS_CLAIMS.organisation);
  if (!organisationId.ok) return organisationId;

  const organisationType = requiredString(payload, CUSTOS_CLAIMS.organisationType);
  if (!organisationType.ok) return organisationType;
  if (!isOrganisationType(organisationType.value)) {
    return err(invalid(CUSTOS_CLAIMS.organisationType, 'is not a known organisation type'));
  }

  const divisionCode = requiredString(payload, CUSTOS_CLAIMS.division);
  if (!divisionCode.ok) return divisionCode;
  if (!isValidDivisionCode(divisionCode.value)) {
    return err(invalid(CUSTOS_CLAIMS.division, 'is not a GB/T 2260 division code'));
  }

  const roles = payload[CUSTOS_CLAIMS.roles];
  if (roles === undefined || roles === null) return err(missing(CUSTOS_CLAIMS.roles));
  if (!Array.isArray(roles)) return err(invalid(CUSTOS_CLAIMS.roles, 'must be an array of roles'));
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) return err(invalid(CUSTOS_CLAIMS.roles, 'contains a role Custos does not know'));

  const credential = payload[CUSTOS_CLAIMS.credential];
  if (credential !== undefined && (typeof credential !== 'string' || credential.trim() === '')) {
    return err(invalid(CUSTOS_CLAIMS.credential, 'must be a non-empty string'));
  }

  const principal: Principal = {
    subject: subject.value,
    personId: personId.value,
    organisationId: organisationId.value,
    organisationType: organisationType.value,
    divisionCode: divisionCode.value,
    roles: [...new Set(roles.filter(isRole))],
  };
  return ok(credential === undefined ? principal : { ...principal, credentialNumber: credential });
}
