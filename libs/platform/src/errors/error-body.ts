import { HttpStatus } from '@nestjs/common';

/** Every error a service answers with has this shape (never a stack trace). */
export interface ErrorBody {
  readonly statusCode: number;
  /** Stable and machine-readable: clients and the audit trail key on it. */
  readonly code: string;
  /** The rule of REGULATION.md that refused the request, when a rule did. */
  readonly rule?: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly errors?: readonly FieldError[];
  /** Quoted to the operators, who find the request's log lines by it. */
  readonly correlationId?: string;
}

/** One property of a request that failed validation (`items.0.cameraId`). */
export interface FieldError {
  readonly property: string;
  readonly constraints: Readonly<Record<string, string>>;
}

export const VALIDATION_FAILED = 'CUSTOS_VALIDATION_FAILED';
export const INTERNAL_ERROR = 'CUSTOS_INTERNAL_ERROR';

/** `CUSTOS_NOT_FOUND`, `CUSTOS_UNAUTHORIZED`, ...: named after Nest's stable `HttpStatus` names. */
export function codeForStatus(status: number): string {
  // A numeric enum maps its values back to its names; a status it lacks gives undefined.
  const name: string | undefined = HttpStatus[status];
  return name ? `CUSTOS_${name}` : `CUSTOS_HTTP_${status}`;
}
