import { type Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
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
  class Path {}
  for (const name of names) {
    ApiProperty({ type: String })(Path.prototype, name);
    IsString()(Path.prototype, name);
  }
  return Path as Type<Readonly<Record<K, string>>>;
}
