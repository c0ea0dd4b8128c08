export const CUSTODY_OPTIONS = Symbol('CUSTODY_OPTIONS');
export const CUSTODY_POOL = Symbol('CUSTODY_POOL');
export const CUSTODY_EVENT_STORE = Symbol('CUSTODY_EVENT_STORE');
export const OFFICER_DIRECTORY = Symbol('OFFICER_DIRECTORY');
export const CUSTODY_CLOCK = Symbol('CUSTODY_CLOCK');
export { APPROVAL_TRUST } from '@custos/platform';
export type { Clock } from '@custos/platform';
