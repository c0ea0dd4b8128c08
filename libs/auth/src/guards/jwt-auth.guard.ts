import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AUTH_STRATEGY_NAME } from '../auth.tokens';
import { IS_PUBLIC_KEY } from '../decorators/public.decorator';
import type { DeniedRequest } from '../denials/access-denial.factory';
import { AccessDenialService } from '../denials/access-denial.service';
import { AuthError, UnauthorizedError } from '../errors/auth.errors';
import type { Principal } from '../principal/principal';

/** Where the guard puts the principal on the request; `@CurrentPrincipal()` reads it there. */
export const PRINCIPAL_REQUEST_PROPERTY = 'user';

/**
 * Authenticates every HTTP route unless it is @Public(). Bound globally by AuthModule, so a
 * route someone forgot to protect is protected anyway. Other transports (event consumers)
 * carry no bearer token and are authenticated by their broker, so the guard leaves them be.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard() {
  constructor(
    private readonly reflector: Reflector,
    private readonly denials: AccessDenialService,
    @Inject(AUTH_STRATEGY_NAME) strategyName: string,
  ) {
    super({ defaultStrategy: strategyName, session: false, property: PRINCIPAL_REQUEST_PROPERTY });
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    try {
      return (await super.canActivate(context)) as boolean;
    } catch (error) {
      if (error instanceof AuthError) {
        const http = context.switchToHttp();
        await this.denials.record(error, http.getRequest<DeniedRequest>(), http.getResponse());
      }
      throw error;
    }
  }

  /** Passes on the strategy's coded refusal; an uncoded one is still a refusal. */
  override handleRequest<TUser = Principal>(error: unknown, user: unknown, info: unknown): TUser {
    if (error) throw error;
    if (!user) throw info instanceof AuthError ? info : new UnauthorizedError('CUSTOS_AUTH_TOKEN_INVALID');
    return user as TUser;
  }
}
