export const REQUESTS_OPTIONS = Symbol('REQUESTS_OPTIONS');
export const REQUESTS_POOL = Symbol('REQUESTS_POOL');
export const REQUESTS_CLOCK = Symbol('REQUESTS_CLOCK');

/** The service's notion of now, injectable so that deadlines can be tested. */
export type { Clock } from '@custos/platform';
