export const REQUESTS_OPTIONS = Symbol('REQUESTS_OPTIONS');
/** The kernel's pool (`serviceKernel`, a global module), under the name the requests service's classes inject it by. */
export { EVENTSTORE_POOL as REQUESTS_POOL } from '@custos/eventstore';
export const REQUESTS_CLOCK = Symbol('REQUESTS_CLOCK');

/** The service's notion of now, injectable so that deadlines can be tested. */
export type { Clock } from '@custos/platform';
