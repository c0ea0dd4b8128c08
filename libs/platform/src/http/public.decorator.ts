import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

/**
 * Metadata key of routes that need no access token. `@custos/auth`'s guard reads the same
 * key, so a route marked here (health, metrics) stays open whichever lib marked it.
 */
export const PUBLIC_ROUTE = 'isPublic';

/**
 * The same mark in the OpenAPI document (`@custos/auth`'s `Public()` sets it too): every
 * operation without it is declared protected by a bearer token, from the metadata the guard
 * reads, so the document cannot drift from the guard. Removed before the document is served.
 */
export const OPENAPI_PUBLIC = 'x-custos-public';

export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension(OPENAPI_PUBLIC, true));
