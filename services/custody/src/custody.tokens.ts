/** The kernel's pool and event store (`serviceKernel`, a global module), under the names custody's classes inject them by. */
export { EVENTSTORE_POOL as CUSTODY_POOL, EventStore as CUSTODY_EVENT_STORE } from '@custos/eventstore';
export const CUSTODY_OPTIONS = Symbol('CUSTODY_OPTIONS');
export const OFFICER_DIRECTORY = Symbol('OFFICER_DIRECTORY');
export const CUSTODY_CLOCK = Symbol('CUSTODY_CLOCK');
export { APPROVAL_TRUST } from '@custos/platform';
export type { Clock } from '@custos/platform';
