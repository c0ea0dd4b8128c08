import { HttpStatus } from '@nestjs/common';
import { AUTH_ERROR_CATALOGUE } from '@custos/auth';
import { httpStatusOf } from '@custos/domain';
import { EVENT_STORE_ERROR_STATUS } from '@custos/eventstore';
import { EDGE_ERROR_CATALOGUE } from './edge-errors';
import { codeForStatus, VALIDATION_FAILED } from './error-body';

const FRAMEWORK_STATUS: ReadonlyMap<string, number> = new Map([
  [VALIDATION_FAILED, 400],
  ...Object.values(HttpStatus)
    .filter((s): s is number => typeof s === 'number')
    .map((s) => [codeForStatus(s), s] as const),
]);

/**
 * The status a refusal code is answered with, from the one catalogue that defines it (the
 * domain's rules, the edge's, sign-in's, the kernel's, or the framework's `CUSTOS_NOT_FOUND`);
 * undefined for a code no catalogue holds.
 */
export function refusalStatusOf(code: string): number | undefined {
  return (
    httpStatusOf(code) ??
    (AUTH_ERROR_CATALOGUE as Record<string, { status: number } | undefined>)[code]?.status ??
    (EDGE_ERROR_CATALOGUE as Record<string, { status: number } | undefined>)[code]?.status ??
    (EVENT_STORE_ERROR_STATUS as Record<string, number | undefined>)[code] ??
    FRAMEWORK_STATUS.get(code)
  );
}
