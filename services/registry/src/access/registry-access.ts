import { assertJurisdiction, assertOrganisation, ForbiddenError, Principal } from '@custos/auth';

/**
 * Who may do what in the registry (R3.1 least privilege, R5.1 jurisdiction):
 * - a REGISTRY_ADMIN manages organisations, heads, officers, systems and cameras whose division
 *   lies within its organisation's jurisdiction (a county PSB within its county, a provincial
 *   PSB anywhere in the province);
 * - an OWNER_OPERATOR manages only its own organisation's systems and cameras;
 * - anyone authenticated reads within its jurisdiction (or its own organisation's entries);
 *   a SERVICE principal (another Custos service) reads everything. An OWNER has no
 *   jurisdiction (its division code says where it sits), so it reads its own entries only.
 */
export function assertMayAdminister(principal: Principal, divisionCode: string): void {
  assertJurisdiction(principal, divisionCode);
}

export function assertMayManageSystem(
  principal: Principal,
  system: { readonly ownerOrganisationId: string; readonly divisionCode: string },
): void {
  assertMayManageOwnerRecord(principal, system, 'an image system');
}

/** An owner's record (a system, an operator and their training, R16.2): its owner, or an administrator over it. */
export function assertMayManageOwnerRecord(
  principal: Principal,
  record: { readonly ownerOrganisationId: string; readonly divisionCode: string },
  what: string,
): void {
  if (principal.roles.includes('REGISTRY_ADMIN')) {
    assertJurisdiction(principal, record.divisionCode);
    return;
  }
  if (principal.roles.includes('OWNER_OPERATOR')) {
    assertOrganisation(principal, record.ownerOrganisationId);
    return;
  }
  throw new ForbiddenError('CUSTOS_AUTH_ROLE_REQUIRED', `managing ${what} needs REGISTRY_ADMIN or OWNER_OPERATOR`);
}

export function assertMayRead(principal: Principal, divisionCode: string, ownerOrganisationId?: string): void {
  if (principal.roles.includes('SERVICE')) return;
  if (ownerOrganisationId !== undefined && principal.organisationId === ownerOrganisationId) return;
  if (!hasJurisdiction(principal)) {
    assertOrganisation(principal, ownerOrganisationId ?? '');
    return;
  }
  assertJurisdiction(principal, divisionCode);
}

export function readsEverything(principal: Principal): boolean {
  return principal.roles.includes('SERVICE');
}

/** Whether the caller's division code is a jurisdiction (every organisation but an owner's). */
export function hasJurisdiction(principal: Principal): boolean {
  return principal.organisationType !== 'OWNER';
}

/**
 * Who records evidence of a system's sign (R11.1): its owner or an administrator over it (a
 * photo), or a public security organ's oversight within its jurisdiction (a photo or an
 * inspection record). Answers whether the caller speaks for a public security organ.
 */
export function assertMayRecordSignage(
  principal: Principal,
  system: { readonly ownerOrganisationId: string; readonly divisionCode: string },
): { byPsb: boolean } {
  const psb = principal.organisationType === 'PUBLIC_SECURITY';
  if (psb && principal.roles.includes('OVERSIGHT')) {
    assertJurisdiction(principal, system.divisionCode);
    return { byPsb: true };
  }
  assertMayManageSystem(principal, system);
  return { byPsb: psb && principal.roles.includes('REGISTRY_ADMIN') };
}
