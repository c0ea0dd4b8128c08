import { Principal } from '@custos/auth';
import { assertCredentialShown, Officer } from '@custos/domain';
import { assertDivisionClaimHeld } from '@custos/platform';
import { requestsErrors } from '../domain/requests.errors';
import { RequestsRegistryFacts } from '../registry/registry-facts.port';
import { refuse } from './refusal';

/**
 * The officer behind an authenticated call, as the registry knows them (R18.2): registered,
 * acting for their own organ in its registered division (R3.1, R5.1: the registry's facts at
 * decision time, never the token's claims alone, issue 16), and showing the credential the
 * registry holds for them.
 * Whether the qualification is valid is judged at the instant of signing by the caller.
 */
export async function officerOf(facts: RequestsRegistryFacts, principal: Principal): Promise<Officer> {
  const officer = await facts.officer(principal.personId, principal.credentialNumber);
  if (officer === undefined) refuse(requestsErrors.unknownOfficer(principal.personId));
  if (officer.organisationId !== principal.organisationId) {
    refuse(requestsErrors.officerOfAnotherOrgan(principal.personId, officer.organisationId, principal.organisationId));
  }
  await assertDivisionClaimHeld(facts, principal);
  const shown = assertCredentialShown(officer, principal.credentialNumber);
  if (!shown.ok) refuse(shown.error);
  return officer;
}
