/** Shapes shared by the registry's request DTOs. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const ID_MESSAGE = 'must be 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit';
/** 6, 9 or 12 digits; the domain then checks the code itself (CUSTOS_R5_1_INVALID_DIVISION_CODE). */
export const DIVISION_PATTERN = /^\d{6}(?:\d{3}){0,2}$/;
export const NAME_MAX = 200;
export const TEXT_MAX = 500;

/** The refusals of naming a system that covers a mandatory site (R7.1), for the API documents. */
export const COVERING_SYSTEM_REFUSALS = ['CUSTOS_R7_1_SYSTEM_OF_ANOTHER_CATEGORY', 'CUSTOS_R7_1_SYSTEM_ELSEWHERE', 'CUSTOS_R7_1_COVERING_SYSTEM_REMOVED'];

/** The answer of a registration, for the API documents: the new record's id. */
export const REGISTERED = { response: { id: 'string' }, description: 'Registered' } as const;
