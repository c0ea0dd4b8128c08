import { Principal } from '@custos/auth';
import { CustodyOfficer } from '@custos/contracts';
import { assertCredentialShown, assertQualificationValid, custodyErrors, err, Officer, ok, Result } from '@custos/domain';
import { divisionClaimHeld } from '@custos/platform';
import { OfficerDirectory } from '../domain/officer-directory.port';

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
export async function checkedOfficerOf(directory: OfficerDirectory, principal: Principal, at: Date): Promise<Result<CheckedOfficer>> {
  const officer = await directory.officer(principal.personId, principal.credentialNumber);
  if (officer === undefined) return err(custodyErrors.unknownOfficer(principal.personId));
  if (officer.organisationId !== principal.organisationId) {
    return err(custodyErrors.officerOfAnotherOrgan(principal.personId, officer.organisationId, principal.organisationId));
  }
  // The division comes from the registry too, never from the token alone (R5.1, issue 16).
  const division = await divisionClaimHeld(directory, principal);
  if (!division.ok) return division;
  const shown = assertCredentialShown(officer, principal.credentialNumber);
  if (!shown.ok) return shown;
  const qualified = assertQualificationValid(officer.qualification, at, { personId: principal.personId });
  if (!qualified.ok) return qualified;
  return ok({
    officer,
    record: { personId: officer.personId, subject: principal.subject, organisationId: officer.organisationId, credentialNumber: qualified.value },
  });
}

/**
 * An officer a link was issued to, checked again when the link is used (R18.2): still
 * registered with the credential recorded then, and qualified at `at`. A qualification that
 * lapsed or was suspended since ends what the link grants, at the next download or refresh.
 */
export async function stillQualified(
  directory: OfficerDirectory,
  officer: { readonly personId: string; readonly credentialNumber: string },
  at: Date,
): Promise<Result<Officer>> {
  const current = await directory.officer(officer.personId, officer.credentialNumber);
  if (current === undefined) return err(custodyErrors.unknownOfficer(officer.personId));
  const shown = assertCredentialShown(current, officer.credentialNumber);
  if (!shown.ok) return shown;
  const qualified = assertQualificationValid(current.qualification, at, { personId: officer.personId });
  return qualified.ok ? ok(current) : qualified;
}

