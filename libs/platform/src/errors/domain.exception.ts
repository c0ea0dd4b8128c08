import { HttpException } from '@nestjs/common';
import { DomainError, httpStatusOf } from '@custos/domain';

/**
 * A refusal by a domain rule, thrown at the HTTP edge: rules return errors as values, and a
 * controller that decides to answer with one throws it wrapped in this. The status is the
 * domain's suggestion for the code; a code without one (a finding, or a service's own code
 * the domain does not know) answers 400 unless the caller says otherwise.
 */
export class DomainException extends HttpException {
  constructor(
    readonly domainError: DomainError,
    status?: number,
  ) {
    const resolved = status ?? httpStatusOf(domainError.code) ?? 400;
    super(
      {
        statusCode: resolved,
        code: domainError.code,
        rule: domainError.rule,
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
  return typeof v.code === 'string' && typeof v.rule === 'string' && typeof v.message === 'string';
}
