import { Principal } from '@custos/auth';
import { CustodyOfficer } from '@custos/contracts';
import { assertCredentialShown, assertQualificationValid, Officer } from '@custos/domain';
import { custodyErrors } from '../domain/custody.errors';
import { OfficerDirectory } from '../domain/officer-directory.port';
import { orRefuse, refuse } from './refusal';

export interface CheckedOfficer {
  readonly officer: Officer;
  readonly record: CustodyOfficer;
}

/**
 * The officer behind an authenticated call, as the registry knows them at `at` (R18.2):
 * registered, acting for their own organ, showing (in the token) the credential the registry
 * holds — none shown is refused, never filled in —, and
 * qualified at that instant. The credential number is what custody records.
 */
export async function qualifiedOfficerOf(directory: OfficerDirectory, principal: Principal, at: Date): Promise<CheckedOfficer> {
  const officer = await directory.officer(principal.personId, principal.credentialNumber);
  if (officer === undefined) refuse(custodyErrors.unknownOfficer(principal.personId));
  if (officer.organisationId !== principal.organisationId) {
    refuse(custodyErrors.officerOfAnotherOrgan(principal.personId, officer.organisationId, principal.organisationId));
  }
  orRefuse(assertCredentialShown(officer, principal.credentialNumber));
  const credentialNumber = orRefuse(assertQualificationValid(officer.qualification, at, { personId: principal.personId }));
  return {
    officer,
    record: { personId: officer.personId, subject: principal.subject, organisationId: officer.organisationId, credentialNumber },
  };
}
