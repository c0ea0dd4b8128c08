import { HttpException } from '@nestjs/common';
import { AUTH_ERROR_CATALOGUE, AuthErrorCode, ForbiddenCode, UnauthorizedCode } from './auth-error.catalogue';

/** The JSON body of every auth refusal; no stack, no token, no claim values beyond ids. */
export interface AuthErrorBody {
  readonly statusCode: number;
  readonly code: AuthErrorCode;
  readonly message: string;
}

/**
 * A coded refusal. It is an HttpException so that Nest answers with the coded body even where
 * `AuthExceptionFilter` is not bound; the filter adds the denial record.
 */
export class AuthError extends HttpException {
  readonly code: AuthErrorCode;
  readonly rule: string;

  constructor(code: AuthErrorCode, message?: string) {
    const spec = AUTH_ERROR_CATALOGUE[code];
    const body: AuthErrorBody = { statusCode: spec.status, code, message: message ?? spec.reason };
    super(body, spec.status);
    this.code = code;
    this.rule = spec.rule;
  }

  get body(): AuthErrorBody {
    return this.getResponse() as AuthErrorBody;
  }
}

/** 401: the caller is not (validly) authenticated. */
export class UnauthorizedError extends AuthError {
  constructor(code: UnauthorizedCode, message?: string) {
    super(code, message);
  }
}

/** 403: the caller is authenticated but may not do this (R3.1 least privilege). */
export class ForbiddenError extends AuthError {
  constructor(code: ForbiddenCode, message?: string) {
    super(code, message);
  }
}
