import { DomainError, domainErrorOf, err, ok, Organisation, Result } from '@custos/domain';
import { DomainException } from '../errors/domain.exception';

/**
 * Organisation and jurisdiction come from the registry's facts at decision time, never from a
 * token's claims alone (R3.1, R5.1, issue 16): a validly signed token whose organisation or
 * division the registry does not hold for its bearer is refused with a coded 403. Each service
 * checks through its own typed registry-facts client; only these checks are shared.
 */

/** What a token claims about where its bearer stands. */
export interface OrganisationClaims {
  readonly personId: string;
  readonly organisationId: string;
  readonly divisionCode: string;
}

/** The part of a service's registry-facts client the division check reads. */
export interface OrganisationFacts {
  organisation(id: string): Promise<Organisation | undefined>;
}

/** ... and the owner-operator check: the organisations the registry holds a person as an operator of (R16.2). */
export interface OperatorFacts extends OrganisationFacts {
  operatorOrganisations(personId: string): Promise<readonly string[]>;
}

export const registryClaimErrors = {
  /** The token's organisation is not one the registry holds the person for. */
  claimedOrganisationNotHeld: (personId: string, claimed: string, held: readonly string[]): DomainError =>
    domainErrorOf('CUSTOS_R3_1_CLAIMED_ORGANISATION_NOT_IN_REGISTRY', { personId, claimed, held: [...held] }),
  /** The token's division is not the registry's for its organisation. */
  claimedDivisionNotHeld: (organisationId: string, claimed: string, registered: string): DomainError =>
    domainErrorOf('CUSTOS_R5_1_CLAIMED_DIVISION_NOT_IN_REGISTRY', { organisationId, claimed, registered }),
};

/**
 * The owner's operator behind a call, as the registry holds them (R3.1, R16.2): the token's
 * organisation must be one the registry holds the person as an operator of, and its division
 * the registry's. The organisation answered is the registry's.
 */
export async function operatorClaimsHeld(facts: OperatorFacts, claims: OrganisationClaims): Promise<Result<Organisation>> {
  const held = await facts.operatorOrganisations(claims.personId);
  if (!held.includes(claims.organisationId)) return err(registryClaimErrors.claimedOrganisationNotHeld(claims.personId, claims.organisationId, held));
  return divisionClaimHeld(facts, claims);
}

/** The token's division is the registry's for the token's organisation (R5.1); the registry's organisation. */
export async function divisionClaimHeld(facts: OrganisationFacts, claims: OrganisationClaims): Promise<Result<Organisation>> {
  const organisation = await facts.organisation(claims.organisationId);
  if (organisation === undefined) return err(registryClaimErrors.claimedOrganisationNotHeld(claims.personId, claims.organisationId, []));
  if (claims.divisionCode !== organisation.divisionCode) {
    return err(registryClaimErrors.claimedDivisionNotHeld(organisation.id, claims.divisionCode, organisation.divisionCode));
  }
  return ok(organisation);
}

/** {@link operatorClaimsHeld}, a refusal thrown as the coded 403. */
export async function registeredOperatorOf(facts: OperatorFacts, claims: OrganisationClaims): Promise<Organisation> {
  return orThrow(await operatorClaimsHeld(facts, claims));
}

/** {@link divisionClaimHeld}, a refusal thrown as the coded 403. */
export async function assertDivisionClaimHeld(facts: OrganisationFacts, claims: OrganisationClaims): Promise<Organisation> {
  return orThrow(await divisionClaimHeld(facts, claims));
}

function orThrow<T>(result: Result<T>): T {
  if (!result.ok) throw new DomainException(result.error);
  return result.value;
}

