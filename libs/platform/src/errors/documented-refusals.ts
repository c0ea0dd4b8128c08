/**
 * The refusal codes many operations share, for their `@ApiRefusalCodes(...)` documentation:
 * spread them and add the operation's own (`@ApiRefusalCodes(...SIGNED_IN_REFUSALS, 'CUSTOS_NOT_FOUND')`).
 */
export const SIGNED_IN_REFUSALS = ['CUSTOS_AUTH_TOKEN_MISSING', 'CUSTOS_AUTH_TOKEN_INVALID', 'CUSTOS_AUTH_TOKEN_EXPIRED', 'CUSTOS_AUTH_ROLE_REQUIRED'] as const;

/** The 400 of a list read with `cursor` and `limit`. */
export const PAGED_INPUT = ['CUSTOS_VALIDATION_FAILED', 'CUSTOS_INPUT_CURSOR_INVALID'] as const;

/** Another service (the registry, the approvals' trust) failing behind a command. */
export const DOWNSTREAM_REFUSALS = ['CUSTOS_DOWNSTREAM_FAILED', 'CUSTOS_DOWNSTREAM_UNAVAILABLE'] as const;
