export const APPROVALS_OPTIONS = Symbol('APPROVALS_OPTIONS');
/** The kernel's pool (`serviceKernel`, a global module), under the name the approvals service's classes inject it by. */
export { EVENTSTORE_POOL as APPROVALS_POOL } from '@custos/eventstore';

export type { Clock } from '@custos/platform';
