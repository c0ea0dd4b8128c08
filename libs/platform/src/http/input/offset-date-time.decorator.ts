import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches, ValidationOptions } from 'class-validator';

/** A full date and time with seconds optional, and an explicit `Z` or `±hh:mm` offset. */
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO 8601 date-time that says which instant it is: a time without an offset would be read as
 * UTC by the server while the officer meant local time (eight hours off in Xi'an).
 */
export function IsOffsetDateTime(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    IsISO8601({ strict: true, strictSeparator: true }, options),
    Matches(WITH_OFFSET, { message: '$property must be a date-time with an explicit offset (Z or ±hh:mm)', ...options }),
  );
}
