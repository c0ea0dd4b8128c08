import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { UnauthorizedError } from '../errors/auth.errors';
import type { Principal } from '../principal/principal';

/**
 * Injects the authenticated principal. On a @Public() route there is none, and asking for it
 * is refused rather than answered with `undefined` that a handler might not check.
 */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<{ user?: Principal }>().user;
  if (!principal) throw new UnauthorizedError('CUSTOS_AUTH_TOKEN_MISSING');
  return principal;
});
