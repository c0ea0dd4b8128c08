import { STATUS_CODES } from 'node:http';
import type { ErrorBody, FieldError } from './error-body';

/** RFC 9457's media type: every error a service answers with is sent as it. */
export const PROBLEM_JSON = 'application/problem+json';

/**
 * An error on the wire: an RFC 9457 problem details document. `code`, `rule` and
 * `correlationId` are its extension members, and what clients key on; `type` is derived from
 * `code`, so one code is one problem type.
 */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  /** Stable and machine-readable: clients and the audit trail key on it. */
  readonly code: string;
  /** The rule of the regulation that refused the request, when a rule did. */
  readonly rule?: string;
  /** Quoted to the operators, who find the request's log lines by it. */
  readonly correlationId?: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly errors?: readonly FieldError[];
}

/** A URN rather than a URL: the type names the problem, it is not a page to fetch. */
export function problemTypeOf(code: string): string {
  return `urn:custos:problem:${code}`;
}

/** The service's error body as the problem document a client sees. */
export function problemDetailsOf(
  body: Pick<ErrorBody, 'statusCode' | 'code' | 'message'> & Partial<ErrorBody>,
  context: { readonly instance?: string; readonly correlationId?: string } = {},
): ProblemDetails {
  return {
    type: problemTypeOf(body.code),
    title: STATUS_CODES[body.statusCode] ?? `HTTP ${body.statusCode}`,
    status: body.statusCode,
    detail: body.message,
    ...(context.instance === undefined ? {} : { instance: context.instance }),
    code: body.code,
    ...(body.rule === undefined ? {} : { rule: body.rule }),
    ...(context.correlationId === undefined ? {} : { correlationId: context.correlationId }),
    ...(body.details === undefined ? {} : { details: body.details }),
    ...(body.errors === undefined ? {} : { errors: body.errors }),
  };
}
