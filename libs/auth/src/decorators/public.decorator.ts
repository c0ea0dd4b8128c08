import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

/**
 * The same key as `@custos/platform`'s `Public()`, so a route opened with either decorator
 * (health, metrics, docs) is open to this guard too.
 */
export const IS_PUBLIC_KEY = 'isPublic';

/**
 * Opens a route to unauthenticated callers. Every other route needs a valid token (deny by
 * default), so this is reserved for health, API docs and the issuer's own key endpoints. The
 * OpenAPI mark is `@custos/platform`'s `OPENAPI_PUBLIC`: the operation is documented without
 * security.
 */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiExtension('x-custos-public', true));
