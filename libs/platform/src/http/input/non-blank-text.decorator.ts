import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/**
 * A text a person writes for others to read (a reason, a purpose, a case reference): 1 to
 * `maxLength` characters, not only white space, documented with its limit. `optional` lets it
 * be left out, never sent blank.
 */
export function NonBlankText(maxLength: number, description?: string, { optional = false } = {}): PropertyDecorator {
  const documented = { ...(description === undefined ? {} : { description }), maxLength };
  return applyDecorators(
    ...(optional ? [ApiPropertyOptional(documented), IsOptional()] : [ApiProperty(documented)]),
    IsString(),
    MinLength(1),
    MaxLength(maxLength),
    Matches(/\S/, { message: '$property must not be blank' }),
  );
}
