/** The kernel's pool and event store (`serviceKernel`, a global module), under the names storage's classes inject them by. */
export { EVENTSTORE_POOL as STORAGE_POOL, EventStore as STORAGE_EVENT_STORE } from '@custos/eventstore';
export const FOOTAGE_STORE = Symbol('FOOTAGE_STORE');
export const CAMERA_DIRECTORY = Symbol('CAMERA_DIRECTORY');
export const STORAGE_CLOCK = Symbol('STORAGE_CLOCK');
export { APPROVAL_TRUST } from '@custos/platform';
export type { Clock } from '@custos/platform';
/** The configured rule packs (issue 21): the text of a place decides an export, a publication among them. */
export const STORAGE_RULE_PACKS = Symbol('STORAGE_RULE_PACKS');
