export const APPROVALS_OPTIONS = Symbol('APPROVALS_OPTIONS');
export const APPROVALS_POOL = Symbol('APPROVALS_POOL');

export type { Clock } from '@custos/platform';
