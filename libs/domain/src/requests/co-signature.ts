import { domainErrorOf } from '../errors';
import { Officer } from '../officers/officer';
import { assertQualificationValid } from '../officers/qualification';
import { err, ok, Result } from '../result';
import { DEFAULT_OFFICER_POLICY, MINIMUM_OFFICERS, OfficerPolicy } from './officer-policy';

export interface CoSignature {
  readonly filer: Officer;
  /** Absent until a second officer co-signs. */
  readonly coSigner?: Officer | null;
  readonly at: Date;
  /** Default `DEFAULT_OFFICER_POLICY`. */
  readonly policy?: OfficerPolicy;
  /** The text's fewest officers (`pack.officers.value.minimum`); default `MINIMUM_OFFICERS` (R18.1). */
  readonly minimumOfficers?: number;
}

/** The two credential numbers the access register records, filer first (R18.2, R16.6). */
export interface CoSigned {
  readonly credentialNumbers: readonly [filer: string, coSigner: string];
}

/**
 * The two-officer rule applied to a filing and its co-signature (R18.1–R18.2): see
 * `assertOfficers`. Registration (R18.3) then records the credential numbers returned here.
 */
export function assertCoSignature({ filer, coSigner, at, policy, minimumOfficers }: CoSignature): Result<CoSigned> {
  if (coSigner === undefined || coSigner === null) {
    return err(
      domainErrorOf('CUSTOS_R18_1_SECOND_OFFICER_REQUIRED', { filerPersonId: filer.personId }),
    );
  }
  const officers = assertOfficers([filer, coSigner], at, policy, minimumOfficers);
  if (!officers.ok) return officers;
  const [filerCredential, coSignerCredential] = officers.value;
  return ok({ credentialNumbers: [filerCredential, coSignerCredential] });
}

/**
 * At least two distinct officers, each qualified at `at` (R18.1, R18.2): fewer than
 * `MINIMUM_OFFICERS`, or one person or one credential counted twice, is refused — one account
 * cannot stand for two. Under `policy.officersOfOneOrgan` (the default) all belong to one
 * organ. Returns their credential numbers, in order, for the register (R16.6).
 */
export function assertOfficers(
  officers: readonly Officer[],
  at: Date,
  policy: OfficerPolicy = DEFAULT_OFFICER_POLICY,
  minimum: number = MINIMUM_OFFICERS,
): Result<readonly string[]> {
  // Never fewer than two, whatever a pack's policy says (R18.1; CN2025_MINIMUM_OFFICERS is 2 or more).
  const fewest = Math.max(minimum, MINIMUM_OFFICERS);
  if (officers.length < fewest) {
    return err(
      domainErrorOf('CUSTOS_R18_1_SECOND_OFFICER_REQUIRED', {
        officers: officers.map((o) => o.personId),
        minimum: fewest,
      }),
    );
  }
  for (const [i, officer] of officers.entries()) {
    const earlier = officers.slice(0, i);
    const samePerson = earlier.some((o) => o.personId === officer.personId);
    const sameCredential = earlier.find(
      (o) => o.qualification.credentialNumber === officer.qualification.credentialNumber,
    );
    if (samePerson) {
      return err(
        domainErrorOf('CUSTOS_R18_1_SAME_OFFICER_TWICE', { personId: officer.personId, sameBy: 'personId' }),
      );
    }
    if (sameCredential) {
      return err(
        domainErrorOf('CUSTOS_R18_1_SAME_OFFICER_TWICE', {
          credentialNumber: officer.qualification.credentialNumber,
          sameBy: 'credentialNumber',
        }),
      );
    }
  }
  const first = officers[0];
  const stranger = officers.find((o) => o.organisationId !== first.organisationId);
  if (policy.officersOfOneOrgan && stranger !== undefined) {
    return err(
      domainErrorOf('CUSTOS_R18_1_DIFFERENT_ORGAN', {
        filerOrganisationId: first.organisationId,
        coSignerOrganisationId: stranger.organisationId,
        policy: 'officersOfOneOrgan',
      }),
    );
  }
  const credentials: string[] = [];
  for (const [i, officer] of officers.entries()) {
    const valid = assertQualificationValid(officer.qualification, at, {
      role: i === 0 ? 'filer' : 'coSigner',
      personId: officer.personId,
    });
    if (!valid.ok) return valid;
    credentials.push(valid.value);
  }
  return ok(credentials);
}
