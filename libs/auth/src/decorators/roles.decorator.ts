import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { ROLES, type Role } from '../principal/role';

export const ROLES_KEY = 'custos:auth:roles';

/** The roles in the OpenAPI document: the operation is documented with its 403 for a caller without them. */
export const OPENAPI_ROLES = 'x-custos-roles';

/**
 * The caller needs at least one of these roles (R3.1). On a method it replaces the roles of
 * its controller, so a route can be narrower or wider than its neighbours deliberately.
 */
export const Roles = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension(OPENAPI_ROLES, roles));

/**
 * Any role Custos knows: for reads open to every signed-in kind of caller, stated rather than
 * left to a default, so a token that names no role (refused at sign-in anyway) opens nothing.
 */
export const AnyRole = (): MethodDecorator & ClassDecorator => Roles(...ROLES);
