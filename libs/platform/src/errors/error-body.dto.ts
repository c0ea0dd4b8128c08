import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, ApiUnauthorizedResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorBody, FieldError } from './error-body';

/** {@link FieldError} as the OpenAPI documents describe it. */
export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'window.from' }) property!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { isIso8601: 'window.from must be an ISO 8601 instant' } })
  constraints!: Record<string, string>;
}

/**
 * {@link ErrorBody} as the OpenAPI documents describe it, so that a generated client types a
 * refusal as it types a success: a client shows `code` and `rule` (R26.1) to the person.
 */
export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ example: 409 }) statusCode!: number;
  @ApiProperty({ example: 'CUSTOS_R18_1_SAME_OFFICER_TWICE', description: 'Stable and machine-readable; clients translate it.' })
  code!: string;
  @ApiPropertyOptional({ example: 'R18.1', description: 'The rule of the regulation that refused the request; NONE for an input check.' })
  rule?: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
  @ApiPropertyOptional() correlationId?: string;
}

/**
 * Documents the coded 4xx answers of an endpoint with the one error body, plus 401 for a
 * missing or bad token: `@ApiRefusals(400, 403, 409)`. Every status given shares the schema.
 */
export function ApiRefusals(...statuses: number[]): MethodDecorator & ClassDecorator {
  const schema = { $ref: getSchemaPath(ErrorBodyDto) };
  return applyDecorators(
    ApiExtraModels(ErrorBodyDto, FieldErrorDto),
    ApiUnauthorizedResponse({ description: 'No valid bearer token', schema }),
    ...statuses.map((status) => ApiResponse({ status, description: REFUSAL_DESCRIPTIONS[status] ?? 'Refused, with a code', schema })),
  );
}

/**
 * Documents the coded refusals of an operation, each status with the codes it may carry:
 * `@ApiCodedErrors({ 403: ['CUSTOS_R17_3_…'], 409: [...] })`. Same body as {@link ApiRefusals}.
 */
export function ApiCodedErrors(errors: Partial<Record<number, readonly string[]>>): MethodDecorator & ClassDecorator {
  const schema = { $ref: getSchemaPath(ErrorBodyDto) };
  return applyDecorators(
    ApiExtraModels(ErrorBodyDto, FieldErrorDto),
    ...Object.entries(errors).map(([status, codes]) =>
      ApiResponse({ status: Number(status), description: codes?.length ? codes.join(', ') : (REFUSAL_DESCRIPTIONS[Number(status)] ?? 'Refused, with a code'), schema }),
    ),
  );
}

const REFUSAL_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad input or a rule refused it: code and rule in the body',
  403: 'The caller may not do this: code and rule in the body',
  404: 'No such thing visible to the caller',
  409: 'The state forbids it now: code and rule in the body',
  410: 'Gone: the link or session has expired',
  422: 'A rule refused it: code and rule in the body',
  502: 'Another service answered badly',
  503: 'Another service is unavailable',
};
