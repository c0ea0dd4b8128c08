import { SetMetadata } from '@nestjs/common';
import type { Role } from '../principal/role';

export const ROLES_KEY = 'custos:auth:roles';

/**
 * The caller needs at least one of these roles (R3.1). On a method it replaces the roles of
 * its controller, so a route can be narrower or wider than its neighbours deliberately.
 */
export const Roles = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);
