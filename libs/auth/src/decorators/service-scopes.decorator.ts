import { SetMetadata } from '@nestjs/common';
import type { ServiceScope } from '../principal/principal';

export const SERVICE_SCOPES_KEY = 'custos:auth:service-scopes';

/**
 * A caller with role SERVICE needs every one of these scopes (R3.1 least privilege between
 * services): a route that serves footage names what it serves, and only the client given that
 * scope (custody's) reads it. People are decided by their roles and organisation as before.
 */
export const ServiceScopes = (...scopes: [ServiceScope, ...ServiceScope[]]): MethodDecorator & ClassDecorator =>
  SetMetadata(SERVICE_SCOPES_KEY, scopes);
