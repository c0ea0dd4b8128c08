import { HttpException } from '@nestjs/common';
import { isDomainError } from './domain.exception';
import { codeForStatus, ErrorBody, FieldError, INTERNAL_ERROR } from './error-body';
import { httpStatusOf } from '@custos/domain';
import { EventStoreError } from '@custos/eventstore';

export interface ErrorResponse {
  readonly status: number;
  readonly body: ErrorBody;
  /** False for what nobody meant to throw: logged with its stack, answered without it. */
  readonly expected: boolean;
}

/**
 * Any thrown value to the status and body a client sees. Only fields chosen here are copied
 * from an exception's response; whatever else an error carries (stack, cause, SQL, paths)
 * stays inside the service.
 */
export function errorResponseOf(exception: unknown): ErrorResponse {
  if (exception instanceof HttpException) return fromHttpException(exception);
  if (isDomainError(exception)) {
    const status = httpStatusOf(exception.code) ?? 400;
    return {
      status,
      expected: true,
      body: {
        statusCode: status,
        code: exception.code,
        ...(exception.rule === null ? {} : { rule: exception.rule }),
        message: exception.message,
        ...(exception.details === undefined ? {} : { details: exception.details }),
      },
    };
  }
  if (exception instanceof EventStoreError) {
    // A lost race (409) or an event its schema refused (400): the kernel's code, never a 500.
    return {
      status: exception.status,
      expected: true,
      body: {
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        ...(exception.details === undefined ? {} : { details: exception.details }),
      },
    };
  }
  const framework = frameworkClientError(exception);
  if (framework) return framework;
  return {
    status: 500,
    expected: false,
    body: {
      statusCode: 500,
      code: INTERNAL_ERROR,
      message: 'internal error; quote the correlation id to the operators',
    },
  };
}

function fromHttpException(exception: HttpException): ErrorResponse {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const r: Record<string, unknown> =
    typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
  const message = typeof response === 'string' ? response : messageOf(r.message, exception.message);
  const body: ErrorBody = {
    statusCode: status,
    code: typeof r.code === 'string' ? r.code : codeForStatus(status),
    ...(typeof r.rule === 'string' ? { rule: r.rule } : {}),
    message,
    ...(isPlainObject(r.details) ? { details: r.details } : {}),
    // A RequestValidationException's field errors.
    ...(Array.isArray(r.errors) ? { errors: r.errors as FieldError[] } : {}),
  };
  return { status, body, expected: true };
}

function messageOf(value: unknown, fallback: string): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String).join('; ');
  return fallback;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * An Express or Node HTTP error of the `http-errors` kind (a 4xx with `expose`), thrown by some
 * middleware no one wrapped: the client's fault, answered with its status and a code for it.
 */
function frameworkClientError(exception: unknown): ErrorResponse | undefined {
  if (!(exception instanceof Error)) return undefined;
  const e = exception as Error & { status?: unknown; statusCode?: unknown; expose?: unknown };
  const status = typeof e.status === 'number' ? e.status : e.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499 || e.expose !== true) return undefined;
  return {
    status,
    expected: true,
    body: { statusCode: status, code: codeForStatus(status), message: e.message },
  };
}
