import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { FieldError } from './error-body';
import { PROBLEM_JSON, ProblemDetails } from './problem-details';
import { refusalStatusOf } from './refusal-status';

/** {@link FieldError} as the OpenAPI documents describe it. */
export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'window.from' }) property!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { isIso8601: 'window.from must be an ISO 8601 instant' } })
  constraints!: Record<string, string>;
}

/**
 * The problem document (RFC 9457, `application/problem+json`) every refusal is answered with,
 * as the OpenAPI documents describe it, so that a generated client types a refusal as it types
 * a success: a client shows `code` and `rule` (R26.1) to the person.
 */
export class ErrorBodyDto implements ProblemDetails {
  @ApiProperty({ example: 'urn:custos:problem:CUSTOS_R18_1_SAME_OFFICER_TWICE', description: 'The problem type: one per code.' })
  type!: string;
  @ApiProperty({ example: 'Conflict', description: 'The HTTP reason phrase of the status.' }) title!: string;
  @ApiProperty({ example: 409 }) status!: number;
  @ApiProperty({ example: 'the two officers of a hand-over are two different people', description: 'In words, for a person; may vary, unlike `code`.' })
  detail!: string;
  @ApiPropertyOptional({ example: '/hand-overs', description: 'The path of the request refused (without its query).' })
  instance?: string;
  @ApiProperty({ example: 'CUSTOS_R18_1_SAME_OFFICER_TWICE', description: 'Stable and machine-readable; clients translate it.' })
  code!: string;
  @ApiPropertyOptional({ example: 'R18.1', description: 'The rule of the regulation that refused the request; NONE for an input check.' })
  rule?: string;
  @ApiPropertyOptional({ description: 'Quote it to the operators: it finds the request in the logs.' }) correlationId?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

const problem = () => ({ [PROBLEM_JSON]: { schema: { $ref: getSchemaPath(ErrorBodyDto) } } });

/**
 * Documents the coded refusals of an operation by their codes alone, each under the status the
 * one catalogue gives it (`refusalStatusOf`): `@ApiRefusalCodes(...CODES)`. The 401 of a
 * protected operation, the 403 of a role and the 400 of one that reads input are declared for
 * every operation (`openApiDocumentOf`). A code no catalogue holds is a mistake, refused here.
 */
export function ApiRefusalCodes(...codes: readonly string[]): MethodDecorator & ClassDecorator {
  const byStatus: Record<number, string[]> = {};
  for (const code of new Set(codes)) {
    const status = refusalStatusOf(code);
    if (status === undefined) throw new Error(`${code} is in no error catalogue: catalogue it before documenting it`);
    (byStatus[status] ??= []).push(code);
  }
  return documentedRefusals(byStatus);
}

function documentedRefusals(byStatus: Partial<Record<number, readonly string[]>>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorBodyDto, FieldErrorDto),
    ...Object.entries(byStatus).map(([status, codes]) =>
      ApiResponse({ status: Number(status), description: codes?.length ? codes.join(', ') : (REFUSAL_DESCRIPTIONS[Number(status)] ?? 'Refused, with a code'), content: problem() }),
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
