import { SetMetadata } from '@nestjs/common';

/**
 * Metadata key of routes that need no access token. `@custos/auth`'s guard reads the same
 * key, so a route marked here (health, metrics) stays open whichever lib marked it.
 */
export const PUBLIC_ROUTE = 'isPublic';

export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
