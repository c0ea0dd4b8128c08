import { HttpException } from '@nestjs/common';
import { DomainError, httpStatusOf } from '@custos/domain';

/**
 * A refusal by a domain rule, thrown at the HTTP edge: rules return errors as values, and a
 * controller that decides to answer with one throws it wrapped in this. The status is the
 * catalogue's for the code, here and nowhere else, so that no service keeps a map of its own
 * that could drift; a code without one (a finding) answers 400. A code that cites no rule
 * answers without `rule`.
 */
export class DomainException extends HttpException {
  constructor(readonly domainError: DomainError) {
    const resolved = httpStatusOf(domainError.code) ?? 400;
    super(
      {
        statusCode: resolved,
        code: domainError.code,
        ...(domainError.rule === null ? {} : { rule: domainError.rule }),
        message: domainError.message,
        ...(domainError.details === undefined ? {} : { details: domainError.details }),
      },
      resolved,
    );
    this.name = 'DomainException';
  }
}

/** A `DomainError` value that was thrown as is, without the wrapper. */
export function isDomainError(value: unknown): value is DomainError {
  if (value === null || typeof value !== 'object' || value instanceof Error) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && (typeof v.rule === 'string' || v.rule === null) && typeof v.message === 'string';
}
