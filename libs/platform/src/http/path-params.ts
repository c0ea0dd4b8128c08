import { ParseUUIDPipe, type Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString } from 'class-validator';

/**
 * The ids a route's path names, as one class a controller takes whole with Nest's own
 * `@Param() path: OrderPath`, the way it takes its body with `@Body()`:
 * `export class OrderPath extends PathParams('findingId', 'orderId') {}` (as `PickType` makes a DTO).
 * Each id is documented as a required string path parameter, as `@Param('findingId')` documents
 * it, and the validation pipe passes it through as the route gave it: an id that names nothing
 * is the handler's coded 404, not a 400.
 */
export function PathParams<K extends string>(...names: readonly [K, ...K[]]): Type<Readonly<Record<K, string>>> {
  return pathOf(names) as Type<Readonly<Record<K, string>>>;
}

/** A new class with each name a documented string property the validation pipe accepts. */
function pathOf(names: readonly string[]): Type<object> {
  class Path {}
  for (const name of names) {
    ApiProperty({ type: String })(Path.prototype, name);
    IsString()(Path.prototype, name);
  }
  return Path;
}

/** `ParseUUIDPipe`'s own check and refusal, callable while the path is read. */
class UuidV4 extends ParseUUIDPipe {
  constructor() {
    super({ version: '4' });
  }

  check(value: unknown): unknown {
    if (!this.isUUID(value, '4')) throw this.exceptionFactory('Validation failed (uuid v 4 is expected)');
    return value;
  }
}

/**
 * `PathParams` whose ids are the UUIDs (v4) of aggregates: anything else is refused with the
 * very 400 a single `ParseUUIDPipe` parameter gave, so a route moves to `@Param() path` unchanged.
 */
export function UuidPathParams<K extends string>(...names: readonly [K, ...K[]]): Type<Readonly<Record<K, string>>> {
  const uuid = new UuidV4();
  const Path = pathOf(names);
  for (const name of names) Transform(({ value }) => uuid.check(value))(Path.prototype, name);
  return Path as Type<Readonly<Record<K, string>>>;
}
