import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLES_KEY } from '../decorators/roles.decorator';
import { SERVICE_SCOPES_KEY } from '../decorators/service-scopes.decorator';
import type { DeniedRequest } from '../denials/access-denial.factory';
import { AccessDenialService } from '../denials/access-denial.service';
import { AuthError, ForbiddenError, UnauthorizedError } from '../errors/auth.errors';
import { hasAnyRole, Principal } from '../principal/principal';
import type { Role } from '../principal/role';

/**
 * Enforces @Roles() and @ServiceScopes() (R3.1 least privilege). Runs after JwtAuthGuard; a route that asks for
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
    const targets = [context.getHandler(), context.getClass()];
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const scopes = this.reflector.getAllAndOverride<string[] | undefined>(SERVICE_SCOPES_KEY, targets) ?? [];
    if ((!required || required.length === 0) && scopes.length === 0) return true;
    const request = context.switchToHttp().getRequest<DeniedRequest>();
    const refusal = refusalOf(request.user, required ?? [], scopes);
    if (!refusal) return true;
    await this.denials.record(refusal, request, context.switchToHttp().getResponse());
    throw refusal;
  }
}

function refusalOf(principal: Principal | undefined, required: readonly Role[], scopes: readonly string[]): AuthError | undefined {
  if (!principal) return new UnauthorizedError('CUSTOS_AUTH_TOKEN_MISSING');
  if (required.length === 0 || hasAnyRole(principal, required)) return scopeRefusalOf(principal, scopes);
  return new ForbiddenError(
    'CUSTOS_AUTH_ROLE_REQUIRED',
    `this action requires one of the roles ${required.join(', ')}`,
  );
}

function scopeRefusalOf(principal: Principal, scopes: readonly string[]): AuthError | undefined {
  if (!principal.roles.includes('SERVICE')) return undefined;
  const lacking = scopes.filter((scope) => !principal.scopes?.includes(scope));
  if (lacking.length === 0) return undefined;
  return new ForbiddenError('CUSTOS_AUTH_SCOPE_REQUIRED', `this action requires the scope ${lacking.join(' ')}`);
}
