import type { Principal } from '../principal/principal';
import { principalFromClaims, principalToClaims } from '../principal/principal.claims';

export const DEV_ISSUER_ALGORITHMS = ['EdDSA', 'ES256'] as const;
export type DevIssuerAlgorithm = (typeof DEV_ISSUER_ALGORITHMS)[number];

export const DEFAULT_DEV_TOKEN_TTL_SEC = 300;
/** Dev tokens are short-lived on purpose: they stand for a login, not for a session. */
export const MAX_DEV_TOKEN_TTL_SEC = 3600;

/** A seeded demo user; `subject` defaults to `dev:<username>`. */
export interface DevUser {
  readonly username: string;
  readonly principal: Omit<Principal, 'subject'> & { readonly subject?: string };
}

export interface DevIssuerConfig {
  /** True only in the embedded mode. Anything else refuses to build the module. */
  readonly enabled: boolean;
  /** The issuer's base URL; the `iss` of its tokens and the root of its endpoints. */
  readonly issuer: string;
  readonly audience: string;
  /**
   * Where the services read its keys (CUSTOS_AUTH_JWKS_URL; default: its own). Must be on
   * loopback: a password-less issuer trusted beyond one machine would sign anyone in.
   */
  readonly jwksUrl?: string;
  readonly users: readonly DevUser[];
  readonly tokenTtlSec?: number;
  readonly algorithm?: DevIssuerAlgorithm;
}

export interface ResolvedDevIssuerConfig {
  readonly enabled: true;
  readonly issuer: string;
  readonly audience: string;
  readonly users: ReadonlyMap<string, Principal>;
  readonly tokenTtlSec: number;
  readonly algorithm: DevIssuerAlgorithm;
}

export class DevIssuerDisabledError extends Error {
  readonly code = 'CUSTOS_AUTH_DEV_ISSUER_DISABLED';

  constructor() {
    super('CUSTOS_AUTH_DEV_ISSUER_DISABLED: the development issuer runs in the embedded mode only (enabled: true)');
    this.name = 'DevIssuerDisabledError';
  }
}

export class DevIssuerConfigError extends Error {
  readonly code = 'CUSTOS_AUTH_DEV_ISSUER_CONFIG_INVALID';

  constructor(problem: string) {
    super(`CUSTOS_AUTH_DEV_ISSUER_CONFIG_INVALID: ${problem}`);
    this.name = 'DevIssuerConfigError';
  }
}

/** Demo users are checked with the verifier's own claim rules, so every token it signs passes. */
function resolveUsers(users: readonly DevUser[]): ReadonlyMap<string, Principal> {
  const resolved = new Map<string, Principal>();
  for (const user of users) {
    if (!user.username || user.username.trim() !== user.username) {
      throw new DevIssuerConfigError('every user needs a trimmed, non-empty username');
    }
    if (resolved.has(user.username)) throw new DevIssuerConfigError(`username ${user.username} is seeded twice`);
    const principal: Principal = { ...user.principal, subject: user.principal.subject ?? `dev:${user.username}` };
    const checked = principalFromClaims({ ...principalToClaims(principal) });
    if (!checked.ok) throw new DevIssuerConfigError(`user ${user.username}: ${checked.error.message}`);
    resolved.set(user.username, checked.value);
  }
  return resolved;
}

export function resolveDevIssuerConfig(config: DevIssuerConfig): ResolvedDevIssuerConfig {
  if (config.enabled !== true) throw new DevIssuerDisabledError();
  if (!config.issuer?.trim()) throw new DevIssuerConfigError('issuer is required');
  if (!config.audience?.trim()) throw new DevIssuerConfigError('audience is required');
  const jwksUrl = config.jwksUrl?.trim() || `${config.issuer.trim().replace(/\/+$/, '')}/.well-known/jwks.json`;
  if (!isLoopbackUrl(jwksUrl)) {
    throw new DevIssuerConfigError(`the JWKS URL must be on loopback (127.0.0.1, ::1, localhost): ${jwksUrl}`);
  }
  const tokenTtlSec = config.tokenTtlSec ?? DEFAULT_DEV_TOKEN_TTL_SEC;
  if (!Number.isInteger(tokenTtlSec) || tokenTtlSec <= 0 || tokenTtlSec > MAX_DEV_TOKEN_TTL_SEC) {
    throw new DevIssuerConfigError(`tokenTtlSec must be a whole number from 1 to ${MAX_DEV_TOKEN_TTL_SEC}`);
  }
  const algorithm = config.algorithm ?? 'EdDSA';
  if (!DEV_ISSUER_ALGORITHMS.includes(algorithm)) {
    throw new DevIssuerConfigError(`algorithm must be one of ${DEV_ISSUER_ALGORITHMS.join(', ')}`);
  }
  return {
    enabled: true,
    issuer: config.issuer.trim().replace(/\/+$/, ''),
    audience: config.audience.trim(),
    users: resolveUsers(config.users),
    tokenTtlSec,
    algorithm,
  };
}

function isLoopbackUrl(value: string): boolean {
  try {
    const { hostname } = new URL(value);
    return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
  } catch {
    return false;
  }
}
