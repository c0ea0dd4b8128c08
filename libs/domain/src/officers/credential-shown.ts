import { domainErrorOf } from '../errors';
import { err, ok, Result } from '../result';
import { Officer } from './officer';

/**
 * R18.2: each officer **shows** the law-enforcement credential on each act. The number shown
 * (a token claim, a scanned card) must be the one the registry holds for the officer; a
 * missing one is refused with its own code, never filled in from the registry, because a
 * credential the system supplies was shown by nobody. Returns the number shown, which the
 * act records. Whether the qualification is valid at the act's instant is
 * `assertQualificationValid`'s question.
 */
export function assertCredentialShown(officer: Officer, shown: string | undefined): Result<string> {
  if (shown === undefined || shown.trim() === '') {
    return err(domainErrorOf('CUSTOS_R18_2_CREDENTIAL_NOT_SHOWN', { personId: officer.personId }));
  }
  const registered = officer.qualification.credentialNumber;
  if (shown !== registered) {
    return err(domainErrorOf('CUSTOS_R18_2_CREDENTIAL_MISMATCH', { personId: officer.personId, shown, registered }));
  }
  return ok(shown);
}
