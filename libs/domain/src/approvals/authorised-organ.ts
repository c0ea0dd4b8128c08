import { domainErrorOf } from '../errors';
import { Officer } from '../officers/officer';
import { assertCoSignature } from '../requests/co-signature';
import { err, ok, Result } from '../result';

/**
 * One officer presenting footage an approval document authorises (R18.5): the document names
 * one organ, and only that organ's officers may take the footage. An officer of any other
 * organ, however qualified, is refused with `CUSTOS_R18_5_NOT_THE_AUTHORISED_ORGAN`.
 */
export function assertOfficerOfAuthorisedOrgan(
  officer: Pick<Officer, 'personId' | 'organisationId'>,
  authorisedOrganisationId: string,
  context: Record<string, unknown> = {},
): Result<void> {
  if (officer.organisationId === authorisedOrganisationId) return ok();
  return err(
    domainErrorOf('CUSTOS_R18_5_NOT_THE_AUTHORISED_ORGAN', {
      ...context,
      personId: officer.personId,
      officerOrganisationId: officer.organisationId,
      authorisedOrganisationId,
    }),
  );
}

/**
 * The officers who take footage for an organ (R18.1, R18.2, R18.5): at least two distinct
 * officers (no person and no credential twice), each qualified at `at`, all of the
 * organisation that is authorised — at a hand-over the organ the approval document names, at
 * a transfer the target organisation. The organ is checked first, so an officer of another
 * organ is refused as such whatever else is wrong. Returns the credential numbers to record,
 * in the order given.
 */
export function assertOfficersOfOrganisation(
  officers: readonly Officer[],
  authorisedOrganisationId: string,
  at: Date,
  context: Record<string, unknown> = {},
): Result<readonly string[]> {
  for (const officer of officers) {
    const ofOrgan = assertOfficerOfAuthorisedOrgan(officer, authorisedOrganisationId, context);
    if (!ofOrgan.ok) return ofOrgan;
  }
  if (officers.length < 2) {
    return err(domainErrorOf('CUSTOS_R18_1_SECOND_OFFICER_REQUIRED', { ...context, officers: officers.length }));
  }
  for (let i = 0; i < officers.length; i++) {
    for (let j = i + 1; j < officers.length; j++) {
      const pair = assertCoSignature({ filer: officers[i], coSigner: officers[j], at });
      if (!pair.ok) return pair;
    }
  }
  return ok(officers.map((o) => o.qualification.credentialNumber));
}
