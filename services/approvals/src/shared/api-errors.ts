import { applyDecorators } from '@nestjs/common';
import { ERROR_CATALOGUE } from '@custos/domain';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** The body of every refusal (libs/platform's ErrorBody), so that generated clients type it. */
export class ErrorBodyDto {
  @ApiProperty() statusCode!: number;
  @ApiProperty({ description: 'stable, machine-readable: clients key on it', example: 'CUSTOS_R17_3_OUTSIDE_JURISDICTION' })
  code!: string;
  @ApiPropertyOptional({ description: 'the rule of the regulation that refused, when a rule did', example: 'R17.3' })
  rule?: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', properties: { property: { type: 'string' }, constraints: { type: 'object', additionalProperties: { type: 'string' } } } } })
  errors?: { property: string; constraints?: Record<string, string> }[];
  @ApiPropertyOptional() correlationId?: string;
}

/** Documents the coded refusals of an operation: each status with the codes it may carry. */
export function ApiCodedErrors(errors: Partial<Record<400 | 401 | 403 | 404 | 409 | 429, readonly string[]>>): MethodDecorator {
  return applyDecorators(
    ...Object.entries(errors).map(([status, codes]) =>
      ApiResponse({ status: Number(status), type: ErrorBodyDto, description: (codes ?? []).join(', ') || 'refused' }),
    ),
  );
}

/** The refusals of any operation behind a bearer token and a role. */
export const SIGNED_IN = {
  401: ['CUSTOS_AUTH_TOKEN_MISSING', 'CUSTOS_AUTH_TOKEN_INVALID', 'CUSTOS_AUTH_TOKEN_EXPIRED'],
  403: ['CUSTOS_AUTH_ROLE_REQUIRED'],
} as const;

/** The catalogue's codes of the given rules (e.g. `R17_3`) answered with `status`, for an operation's documentation. */
export function catalogueCodes(rules: readonly string[], status: number): string[] {
  return Object.entries(ERROR_CATALOGUE)
    .filter(([code, spec]) => spec.httpStatus === status && rules.some((rule) => code.startsWith(`CUSTOS_${rule}_`)))
    .map(([code]) => code);
}
