import { ClaimMapping, DEFAULT_CLAIM_MAPPING } from '../principal/principal.claims';

/**
 * Asymmetric algorithms only. A symmetric (HS*) algorithm would let anyone who knows the
 * issuer's public key mint tokens ("algorithm confusion"), and `none` signs nothing: neither
 * can ever be configured.
 */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;
export type AsymmetricAlgorithm = (typeof ASYMMETRIC_ALGORITHMS)[number];

/** RS256 is Keycloak's default; ES256 and EdDSA are what the dev issuer may sign with. */
export const DEFAULT_ALGORITHMS: readonly AsymmetricAlgorithm[] = ['RS256', 'ES256', 'EdDSA'];
export const DEFAULT_CLOCK_TOLERANCE_SEC = 30;
/** Beyond five minutes a tolerance stops absorbing clock skew and starts extending tokens. */
export const MAX_CLOCK_TOLERANCE_SEC = 300;

/** How a service trusts its OIDC issuer. */
export interface AuthConfig {
  /** Must equal the token's `iss` exactly (Keycloak: `https://<host>/realms/<realm>`). */
  readonly issuer: string;
  /**
   * One of these must be among the token's `aud` values: a comma-separated list, e.g. the users'
   * API audience and this service's own (the audience other services' client-credentials tokens
   * name when they call it).
   */
  readonly audience: string;
  /** The issuer's JSON Web Key Set (Keycloak: `<issuer>/protocol/openid-connect/certs`). */
  readonly jwksUrl: string;
  /** Defaults to `DEFAULT_ALGORITHMS`; only asymmetric algorithms are accepted. */
  readonly algorithms?: readonly string[];
  /** Allowed clock skew for `exp` and `nbf`; defaults to 30 s. */
  readonly clockToleranceSec?: number;
  /** Where roles, organisation, division and credential are in the token (default: `custos:*`). */
  readonly claims?: Partial<ClaimMapping>;
}

export interface ResolvedAuthConfig {
  readonly issuer: string;
  readonly audience: string;
  /** `audience` split: the token must name at least one. */
  readonly audiences: readonly string[];
  readonly jwksUrl: string;
  readonly algorithms: readonly AsymmetricAlgorithm[];
  readonly clockToleranceSec: number;
  readonly claims: ClaimMapping;
}

/** A deployment mistake: thrown at start, so a service never runs with a weak configuration. */
export class AuthConfigError extends Error {
  readonly code = 'CUSTOS_AUTH_CONFIG_INVALID';

  constructor(problem: string) {
    super(`CUSTOS_AUTH_CONFIG_INVALID: ${problem}`);
    this.name = 'AuthConfigError';
  }
}

function isAsymmetricAlgorithm(value: string): value is AsymmetricAlgorithm {
  return (ASYMMETRIC_ALGORITHMS as readonly string[]).includes(value);
}

function requireText(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new AuthConfigError(`${name} is required`);
  return value.trim();
}

export function resolveAuthConfig(config: AuthConfig): ResolvedAuthConfig {
  const issuer = requireText('issuer', config.issuer);
  const audience = requireText('audience', config.audience);
  const audiences = [...new Set(audience.split(',').map((a) => a.trim()).filter((a) => a !== ''))];
  if (audiences.length === 0) throw new AuthConfigError('audience must name at least one audience');
  const jwksUrl = requireText('jwksUrl', config.jwksUrl);
  let url: URL;
  try {
    url = new URL(jwksUrl);
  } catch {
    throw new AuthConfigError(`jwksUrl is not a URL: ${jwksUrl}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AuthConfigError('jwksUrl must be an http(s) URL');
  }

  const algorithms = config.algorithms ?? DEFAULT_ALGORITHMS;
  if (algorithms.length === 0) throw new AuthConfigError('algorithms must name at least one algorithm');
  const refused = algorithms.filter((alg) => !isAsymmetricAlgorithm(alg));
  if (refused.length > 0) {
    throw new AuthConfigError(
      `algorithms may only be asymmetric (${ASYMMETRIC_ALGORITHMS.join(', ')}); refused: ${refused.join(', ')}`,
    );
  }

  const clockToleranceSec = config.clockToleranceSec ?? DEFAULT_CLOCK_TOLERANCE_SEC;
  if (!Number.isInteger(clockToleranceSec) || clockToleranceSec < 0 || clockToleranceSec > MAX_CLOCK_TOLERANCE_SEC) {
    throw new AuthConfigError(`clockToleranceSec must be a whole number from 0 to ${MAX_CLOCK_TOLERANCE_SEC}`);
  }

  const claims = { ...DEFAULT_CLAIM_MAPPING, ...definedOnly(config.claims ?? {}) };
  for (const [name, path] of Object.entries(claims)) {
    if (typeof path !== 'string' || path.trim() === '' || path.trim() !== path) {
      throw new AuthConfigError(`the claim of ${name} must be a trimmed, non-empty name or dotted path`);
    }
  }
  return {
    issuer,
    audience,
    audiences,
    claims,
    jwksUrl,
    algorithms: [...new Set(algorithms.filter(isAsymmetricAlgorithm))],
    clockToleranceSec,
  };
}

/** The environment variable of each setting (README.md lists them). */
export const AUTH_ENV = {
  issuer: 'CUSTOS_AUTH_ISSUER',
  audience: 'CUSTOS_AUTH_AUDIENCE',
  jwksUrl: 'CUSTOS_AUTH_JWKS_URL',
  algorithms: 'CUSTOS_AUTH_ALGORITHMS',
  clockToleranceSec: 'CUSTOS_AUTH_CLOCK_TOLERANCE_SEC',
  rolesClaim: 'CUSTOS_AUTH_ROLES_CLAIM',
  organisationClaim: 'CUSTOS_AUTH_ORGANISATION_CLAIM',
  organisationTypeClaim: 'CUSTOS_AUTH_ORGANISATION_TYPE_CLAIM',
  divisionClaim: 'CUSTOS_AUTH_DIVISION_CLAIM',
  personClaim: 'CUSTOS_AUTH_PERSON_CLAIM',
  credentialClaim: 'CUSTOS_AUTH_CREDENTIAL_CLAIM',
} as const;

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

/**
 * Reads the settings from the environment, falling back to `defaults` (the embedded mode's
 * values, which only the caller knows: the dev issuer's address depends on where it runs).
 * The result is validated, so a typo fails the start, not the first request.
 */
export function authConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  defaults: Partial<AuthConfig> = {},
): ResolvedAuthConfig {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const algorithms = read(AUTH_ENV.algorithms)
    ?.split(',')
    .map((alg) => alg.trim())
    .filter((alg) => alg !== '');
  const tolerance = read(AUTH_ENV.clockToleranceSec);
  if (tolerance !== undefined && !/^\d+$/.test(tolerance)) {
    throw new AuthConfigError(`${AUTH_ENV.clockToleranceSec} must be a whole number of seconds`);
  }
  const missing = (name: string) => {
    throw new AuthConfigError(`${name} is not set`);
  };
  return resolveAuthConfig({
    issuer: read(AUTH_ENV.issuer) ?? defaults.issuer ?? missing(AUTH_ENV.issuer),
    audience: read(AUTH_ENV.audience) ?? defaults.audience ?? missing(AUTH_ENV.audience),
    jwksUrl: read(AUTH_ENV.jwksUrl) ?? defaults.jwksUrl ?? missing(AUTH_ENV.jwksUrl),
    algorithms: algorithms ?? defaults.algorithms,
    clockToleranceSec: tolerance !== undefined ? Number(tolerance) : defaults.clockToleranceSec,
    claims: {
      ...defaults.claims,
      ...definedOnly({
        roles: read(AUTH_ENV.rolesClaim),
        organisation: read(AUTH_ENV.organisationClaim),
        organisationType: read(AUTH_ENV.organisationTypeClaim),
        division: read(AUTH_ENV.divisionClaim),
        person: read(AUTH_ENV.personClaim),
        credential: read(AUTH_ENV.credentialClaim),
      }),
    },
  });
}
