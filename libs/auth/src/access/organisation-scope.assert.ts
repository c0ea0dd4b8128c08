import { jurisdictionContains } from '@custos/domain';
import { ForbiddenError } from '../errors/auth.errors';
import type { Principal } from '../principal/principal';

/**
 * Checks for handlers that learn a resource's division or owner only after loading it. They
 * throw a coded ForbiddenError, which AuthExceptionFilter records like any other denial.
 */

/** Whether the caller's jurisdiction covers the division (R5.1); for filtering lists. */
export function isWithinJurisdiction(principal: Principal, divisionCode: string): boolean {
  return jurisdictionContains(principal.divisionCode, divisionCode);
}

/**
 * R5.1, R3.1: an organ acts within its own administrative area. A division covers itself and
 * everything below it; an invalid code is covered by nothing (jurisdiction never comes from a typo).
 */
export function assertJurisdiction(principal: Principal, divisionCode: string): void {
  if (!isWithinJurisdiction(principal, divisionCode)) {
    throw new ForbiddenError(
      'CUSTOS_AUTH_OUTSIDE_JURISDICTION',
      `division ${divisionCode} is outside the jurisdiction ${principal.divisionCode} of the caller's organisation`,
    );
  }
}

/** R3.1: the resource belongs to the caller's own organisation. */
export function assertOrganisation(principal: Principal, organisationId: string): void {
  if (principal.organisationId !== organisationId) {
    throw new ForbiddenError(
      'CUSTOS_AUTH_WRONG_ORGANISATION',
      `the resource belongs to organisation ${organisationId}, not to the caller's organisation`,
    );
  }
}
