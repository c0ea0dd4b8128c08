/**
 * The refusal codes many operations share, for their `@ApiCodedErrors(...)` documentation:
 * spread them and add the operation's own (`{ ...SIGNED_IN, 404: ['CUSTOS_NOT_FOUND'] }`).
 */
export const SIGNED_IN = {
  401: ['CUSTOS_AUTH_TOKEN_MISSING', 'CUSTOS_AUTH_TOKEN_INVALID', 'CUSTOS_AUTH_TOKEN_EXPIRED'],
  403: ['CUSTOS_AUTH_ROLE_REQUIRED'],
} as const;

/** The 400 of a list read with `cursor` and `limit`. */
export const PAGED_INPUT = ['CUSTOS_VALIDATION_FAILED', 'CUSTOS_INPUT_CURSOR_INVALID'] as const;

/** Another service (the registry, the approvals' trust) failing behind a command. */
export const DOWNSTREAM = { 502: ['CUSTOS_DOWNSTREAM_FAILED'], 503: ['CUSTOS_DOWNSTREAM_UNAVAILABLE'] } as const;
