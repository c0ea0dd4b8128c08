import type { Actor } from '@custos/contracts';
import type { OrganisationType } from '@custos/domain';
import type { Role } from './role';

/**
 * Who is calling, as the verified token says: a person acting for one organisation, whose
 * jurisdiction is the GB/T 2260 division of that organisation (R5.1).
 */
export interface Principal {
  /** The issuer's stable subject (`sub`); for Keycloak a user id, never a username. */
  readonly subject: string;
  readonly personId: string;
  readonly organisationId: string;
  readonly organisationType: OrganisationType;
  /** GB/T 2260 code of the organisation's jurisdiction, e.g. '610113'. */
  readonly divisionCode: string;
  readonly roles: readonly Role[];
  /** Law-enforcement credential number, for officers (R18.2). */
  readonly credentialNumber?: string;
  /**
   * OAuth scopes the token grants (absent when none). Routes that serve footage to another
   * service ask for one (`@ServiceScopes`), so a service reads only what its client was given.
   */
  readonly scopes?: readonly string[];
}

/** The scopes that open footage to a service (R3.1 least privilege between services). */
export const SERVICE_SCOPES = {
  /** Segment lists and byte ranges: custody only, which plays them in viewing sessions. */
  segmentsRead: 'custos:segments.read',
  /** Export packages: custody only, which delivers them through storage's export path. */
  exportsRead: 'custos:exports.read',
} as const;
export type ServiceScope = (typeof SERVICE_SCOPES)[keyof typeof SERVICE_SCOPES];

/** The event envelope's actor: who caused an event, in which organisation and roles. */
export function principalToActor(principal: Pick<Principal, 'subject' | 'personId' | 'organisationId' | 'roles'>): Actor {
  return {
    subject: principal.subject,
    personId: principal.personId,
    organisationId: principal.organisationId,
    roles: [...principal.roles],
  };
}

export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}
