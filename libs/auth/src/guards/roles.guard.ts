import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLES_KEY } from '../decorators/roles.decorator';
import type { DeniedRequest } from '../denials/access-denial.factory';
import { AccessDenialService } from '../denials/access-denial.service';
import { AuthError, ForbiddenError, UnauthorizedError } from '../errors/auth.errors';
import { hasAnyRole, Principal } from '../principal/principal';
import type { Role } from '../principal/role';

/**
 * Enforces @Roles() (R3.1 least privilege). Runs after JwtAuthGuard; a route that asks for
 * roles but has no principal (e.g. marked @Public() by mistake) is refused, not opened.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly denials: AccessDenialService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required || required.length === 0) return true;
    const request = context.switchToHttp().getRequest<DeniedRequest>();
    const refusal = refusalOf(request.user, required);
    if (!refusal) return true;
    await this.denials.record(refusal, request, context.switchToHttp().getResponse());
    throw refusal;
  }
}

function refusalOf(principal: Principal | undefined, required: readonly Role[]): AuthError | undefined {
  if (!principal) return new UnauthorizedError('CUSTOS_AUTH_TOKEN_MISSING');
  if (hasAnyRole(principal, required)) return undefined;
  return new ForbiddenError(
    'CUSTOS_AUTH_ROLE_REQUIRED',
    `this action requires one of the roles ${required.join(', ')}`,
  );
}
