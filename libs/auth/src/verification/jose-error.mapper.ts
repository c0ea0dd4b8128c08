import { errors } from 'jose';
import { AuthError, UnauthorizedError } from '../errors/auth.errors';

/**
 * Network failures fetching the JWKS surface as Node system errors, not as JOSE errors. Duck
 * typed: Node creates them in its own realm, where `instanceof Error` of a sandbox (jest) fails.
 */
function isSystemError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'syscall' in error;
}

function isTypeError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'TypeError';
}

function fromClaimFailure(failure: errors.JWTClaimValidationFailed): AuthError {
  if (failure.reason === 'missing') {
    return new UnauthorizedError('CUSTOS_AUTH_CLAIMS_MISSING', `claim ${failure.claim} is missing`);
  }
  switch (failure.claim) {
    case 'nbf':
      return new UnauthorizedError('CUSTOS_AUTH_TOKEN_NOT_YET_VALID');
    case 'iss':
      return new UnauthorizedError('CUSTOS_AUTH_WRONG_ISSUER');
    case 'aud':
      return new UnauthorizedError('CUSTOS_AUTH_WRONG_AUDIENCE');
    default:
      return new UnauthorizedError('CUSTOS_AUTH_CLAIMS_INVALID', `claim ${failure.claim} is invalid`);
  }
}

/**
 * Maps what jose refuses to a coded AuthError. The mapping keys on jose's stable error codes;
 * anything unrecognised is refused with the generic code, never accepted.
 */
export function authErrorOfJose(error: unknown): AuthError {
  if (error instanceof errors.JWTExpired) return new UnauthorizedError('CUSTOS_AUTH_TOKEN_EXPIRED');
  if (error instanceof errors.JWTClaimValidationFailed) return fromClaimFailure(error);
  if (error instanceof errors.JOSEError) {
    switch (error.code) {
      case errors.JOSEAlgNotAllowed.code:
      case errors.JOSENotSupported.code:
        return new UnauthorizedError('CUSTOS_AUTH_ALGORITHM_REFUSED');
      case errors.JWSSignatureVerificationFailed.code:
      case errors.JWKSNoMatchingKey.code:
      case errors.JWKSMultipleMatchingKeys.code:
        return new UnauthorizedError('CUSTOS_AUTH_BAD_SIGNATURE');
      case errors.JWSInvalid.code:
      case errors.JWTInvalid.code:
        return new UnauthorizedError('CUSTOS_AUTH_TOKEN_MALFORMED');
      case errors.JWKSTimeout.code:
      case errors.JWKSInvalid.code:
      case errors.JWKInvalid.code:
      case errors.JOSEError.code:
        // jose reports a non-200 or unparsable JWKS response with the generic code.
        return new AuthError('CUSTOS_AUTH_KEYS_UNAVAILABLE');
      default:
        return new UnauthorizedError('CUSTOS_AUTH_TOKEN_INVALID');
    }
  }
  if (isSystemError(error)) return new AuthError('CUSTOS_AUTH_KEYS_UNAVAILABLE');
  // jose throws a TypeError when the key the header points at cannot verify that algorithm.
  if (isTypeError(error)) return new UnauthorizedError('CUSTOS_AUTH_BAD_SIGNATURE');
  return new UnauthorizedError('CUSTOS_AUTH_TOKEN_INVALID');
}
