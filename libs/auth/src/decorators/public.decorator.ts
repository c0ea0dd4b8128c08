import { SetMetadata } from '@nestjs/common';

/**
 * The same key as `@custos/platform`'s `Public()`, so a route opened with either decorator
 * (health, metrics, docs) is open to this guard too.
 */
export const IS_PUBLIC_KEY = 'isPublic';

/**
 * Opens a route to unauthenticated callers. Every other route needs a valid token (deny by
 * default), so this is reserved for health, API docs and the issuer's own key endpoints.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);
