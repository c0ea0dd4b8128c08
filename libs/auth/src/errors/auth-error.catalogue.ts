/**
 * Every code the auth lib answers with. Codes are stable: clients, services and the audit
 * ledger key on them, so a code is never renamed or reused for another meaning. `rule` is the
 * REGULATION.md rule the refusal serves, so that a denial can be contested (R26.1).
 *
 * Choice: when the issuer's keys cannot be fetched the answer is 503, not 401: the token may
 * be perfectly good, and a 401 would make clients throw it away instead of retrying.
 */
export interface AuthErrorSpec {
  readonly status: 401 | 403 | 503;
  readonly rule: string;
  readonly reason: string;
}

export const AUTH_ERROR_CATALOGUE = {
  CUSTOS_AUTH_TOKEN_MISSING: { status: 401, rule: 'R3.1', reason: 'a bearer token is required' },
  CUSTOS_AUTH_TOKEN_MALFORMED: { status: 401, rule: 'R3.1', reason: 'the bearer token is not a well-formed JWT' },
  CUSTOS_AUTH_TOKEN_EXPIRED: { status: 401, rule: 'R3.1', reason: 'the token has expired' },
  CUSTOS_AUTH_TOKEN_NOT_YET_VALID: { status: 401, rule: 'R3.1', reason: 'the token is not valid yet' },
  CUSTOS_AUTH_BAD_SIGNATURE: {
    status: 401,
    rule: 'R3.1',
    reason: 'the token signature does not verify against the keys of the issuer',
  },
  CUSTOS_AUTH_WRONG_AUDIENCE: { status: 401, rule: 'R3.1', reason: 'the token is not meant for this service' },
  CUSTOS_AUTH_WRONG_ISSUER: { status: 401, rule: 'R3.1', reason: 'the token was issued by an untrusted issuer' },
  CUSTOS_AUTH_ALGORITHM_REFUSED: {
    status: 401,
    rule: 'R3.1',
    reason: 'the token is signed with an algorithm this service does not accept',
  },
  CUSTOS_AUTH_CLAIMS_MISSING: { status: 401, rule: 'R3.1', reason: 'the token lacks a required claim' },
  CUSTOS_AUTH_CLAIMS_INVALID: { status: 401, rule: 'R3.1', reason: 'a claim of the token has an invalid value' },
  CUSTOS_AUTH_TOKEN_INVALID: { status: 401, rule: 'R3.1', reason: 'the token was refused' },
  CUSTOS_AUTH_UNKNOWN_USER: { status: 401, rule: 'R3.1', reason: 'no such user' },
  CUSTOS_AUTH_KEYS_UNAVAILABLE: {
    status: 503,
    rule: 'R3.1',
    reason: 'the keys of the token issuer cannot be fetched; try again later',
  },
  CUSTOS_AUTH_DEV_ISSUER_LOOPBACK_ONLY: {
    status: 403,
    rule: 'R3.1',
    reason: 'the development issuer answers callers on this machine only',
  },
  CUSTOS_AUTH_ROLE_REQUIRED: { status: 403, rule: 'R3.1', reason: 'this action requires a role the caller lacks' },
  CUSTOS_AUTH_SCOPE_REQUIRED: {
    status: 403,
    rule: 'R3.1',
    reason: "this service's client was not given the scope this action requires",
  },
  CUSTOS_AUTH_OUTSIDE_JURISDICTION: {
    status: 403,
    rule: 'R5.1',
    reason: "the resource lies outside the jurisdiction of the caller's organisation",
  },
  CUSTOS_AUTH_WRONG_ORGANISATION: {
    status: 403,
    rule: 'R3.1',
    reason: "the resource belongs to another organisation than the caller's",
  },
} as const satisfies Record<string, AuthErrorSpec>;

export type AuthErrorCode = keyof typeof AUTH_ERROR_CATALOGUE;

type CodeWithStatus<S> = {
  [K in AuthErrorCode]: (typeof AUTH_ERROR_CATALOGUE)[K]['status'] extends S ? K : never;
}[AuthErrorCode];

export type UnauthorizedCode = CodeWithStatus<401>;
export type ForbiddenCode = CodeWithStatus<403>;

/** Every code as a constant (`AuthErrorCode.CUSTOS_AUTH_TOKEN_EXPIRED`), for services and clients. */
export const AuthErrorCode: { readonly [K in AuthErrorCode]: K } = Object.freeze(
  Object.fromEntries(Object.keys(AUTH_ERROR_CATALOGUE).map((code) => [code, code])) as {
    [K in AuthErrorCode]: K;
  },
);

export function isAuthErrorCode(code: string): code is AuthErrorCode {
  return Object.prototype.hasOwnProperty.call(AUTH_ERROR_CATALOGUE, code);
}
