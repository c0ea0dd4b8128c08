import { DomainError, Result } from '@custos/domain';
import { DomainException } from './domain.exception';

/**
 * The one refusal idiom at the HTTP edge: a handler decides and returns a `Result`; its thin
 * controller answers the value or refuses with the error, whose status the exception filter
 * takes from the catalogue. Nothing was saved for a refused command.
 */
export function refuse(error: DomainError): never {
  throw new DomainException(error);
}

/** The value of a decision, or its refusal answered. */
export function orRefuse<T>(result: Result<T>): T {
  if (!result.ok) refuse(result.error);
  return result.value;
}
