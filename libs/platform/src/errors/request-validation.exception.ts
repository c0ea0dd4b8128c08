import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, VALIDATION_FAILED } from './error-body';

/** A request body, query or parameter that its DTO's class-validator rules refused. */
export class RequestValidationException extends BadRequestException {
  constructor(readonly errors: FieldError[]) {
    super({ statusCode: 400, code: VALIDATION_FAILED, message: 'the request is not valid', errors });
    this.name = 'RequestValidationException';
  }
}

/** Nested errors flattened to dotted paths, so a client sees `items.0.cameraId`, not a tree. */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const property = parent ? `${parent}.${e.property}` : e.property;
    const own: FieldError[] = e.constraints ? [{ property, constraints: { ...e.constraints } }] : [];
    return [...own, ...flattenValidationErrors(e.children ?? [], property)];
  });
}

/**
 * Unknown properties are refused rather than silently dropped: a request that says more than
 * the API understands is a client bug or a probe, and either way should not half-succeed.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new RequestValidationException(flattenValidationErrors(errors)),
  });
}
