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
}

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
