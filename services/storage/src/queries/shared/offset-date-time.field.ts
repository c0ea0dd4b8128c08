import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsOffsetDateTime } from '@custos/platform';

/**
 * A date-time of a storage request (a segment's or a window's bounds, a masking's time): an
 * instant with its offset (`IsOffsetDateTime`), documented with an example; an optional one
 * may be left out.
 */
export function OffsetDateTimeField(example: string, presence: 'required' | 'optional' = 'required'): PropertyDecorator {
  return presence === 'optional'
    ? applyDecorators(ApiPropertyOptional({ example }), IsOptional(), IsOffsetDateTime())
    : applyDecorators(ApiProperty({ example }), IsOffsetDateTime());
}
