import { domainErrorOf } from '../errors';
import { Officer } from '../officers/officer';
import { assertQualificationValid } from '../officers/qualification';
import { err, ok, Result } from '../result';

export interface CoSignature {
  readonly filer: Officer;
  /** Absent until a second officer co-signs. */
  readonly coSigner?: Officer | null;
  readonly at: Date;
}

/** The two credential numbers the access register records, filer first (R18.2, R16.6). */
export interface CoSigned {
  readonly credentialNumbers: readonly [filer: string, coSigner: string];
}

/**
 * The two-officer rule (R18.1–R18.2): a request is filed and co-signed by two different
 * persons of the same requesting organ, each holding a qualification valid at `at`.
 * One person cannot stand for two, and neither can one credential shown by two persons.
 * Registration (R18.3) then records the credential numbers returned here.
 */
export function assertCoSignature({ filer, coSigner, at }: CoSignature): Result<CoSigned> {
  if (coSigner === undefined || coSigner === null) {
    return err(
      domainErrorOf('CUSTOS_R18_1_SECOND_OFFICER_REQUIRED', { filerPersonId: filer.personId }),
    );
  }
  if (filer.personId === coSigner.personId) {
    return err(
      domainErrorOf('CUSTOS_R18_1_SAME_OFFICER_TWICE', {
        personId: filer.personId,
        sameBy: 'personId',
      }),
    );
  }
  if (filer.qualification.credentialNumber === coSigner.qualification.credentialNumber) {
    return err(
      domainErrorOf('CUSTOS_R18_1_SAME_OFFICER_TWICE', {
        credentialNumber: filer.qualification.credentialNumber,
        sameBy: 'credentialNumber',
      }),
    );
  }
  if (filer.organisationId !== coSigner.organisationId) {
    return err(
      domainErrorOf('CUSTOS_R18_1_DIFFERENT_ORGAN', {
        filerOrganisationId: filer.organisationId,
        coSignerOrganisationId: coSigner.organisationId,
      }),
    );
  }
  const filerCredential = assertQualificationValid(filer.qualification, at, {
    role: 'filer',
    personId: filer.personId,
  });
  if (!filerCredential.ok) return filerCredential;
  const coSignerCredential = assertQualificationValid(coSigner.qualification, at, {
    role: 'coSigner',
    personId: coSigner.personId,
  });
  if (!coSignerCredential.ok) return coSignerCredential;
  return ok({ credentialNumbers: [filerCredential.value, coSignerCredential.value] });
}
