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
  /** Must be one of the token's `aud` values. */
  readonly audience: string;
  /** The issuer's JSON Web Key Set (Keycloak: `<issuer>/protocol/openid-connect/certs`). */
  readonly jwksUrl: string;
  /** Defaults to `DEFAULT_ALGORITHMS`; only asymmetric algorithms are accepted. */
  readonly algorithms?: readonly string[];
  /** Allowed clock skew for `exp` and `nbf`; defaults to 30 s. */
  readonly clockToleranceSec?: number;
}

export interface ResolvedAuthConfig {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
  readonly algorithms: readonly AsymmetricAlgorithm[];
  readonly clockToleranceSec: number;
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

  return {
    issuer,
    audience,
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
} as const;

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
  });
}
