import { applyDecorators, Get, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Roles, type Role } from '@custos/auth';
import { ApiRefusalCodes } from '../errors/error-body.dto';

/** What a read endpoint states of its own. */
export interface QueryEndpointOptions {
  /** Under the controller's path (`':id/timeline'`); none for the controller's path itself. */
  readonly path?: string;
  readonly summary: string;
  /** The DTO it answers 200 with. */
  readonly response: Type<unknown>;
  readonly description?: string;
  /** The roles that may read it (R3.1). */
  readonly roles: readonly [Role, ...Role[]];
  /** The codes it may be refused with, each documented under its catalogued status. */
  readonly refusals: readonly string[];
}

/**
 * A read's endpoint in one line of intent, as `CommandEndpoint` is a command's: its GET route,
 * the roles that may read it, the answer and the coded refusals in the OpenAPI document.
 */
export function QueryEndpoint(options: QueryEndpointOptions): MethodDecorator {
  return applyDecorators(
    Roles(...options.roles),
    Get(options.path),
    ApiOkResponse({ type: options.response, ...(options.description ? { description: options.description } : {}) }),
    ApiRefusalCodes(...options.refusals),
    ApiOperation({ summary: options.summary }),
  );
}
