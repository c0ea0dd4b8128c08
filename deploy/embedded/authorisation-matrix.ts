import type { OpenAPIObject } from '@nestjs/swagger';
import { OPENAPI_ROLES, ROLES, type Role } from '@custos/auth';
import { OPENAPI_PUBLIC } from '@custos/platform';

/** Who an operation is open to, as its OpenAPI document declares it (R3.1 deny by default). */
export type Audience = { readonly kind: 'public' } | { readonly kind: 'roles'; readonly roles: readonly Role[] };

/** One operation of one service, with the audience its document declares. */
export interface MatrixOperation {
  readonly service: string;
  readonly method: string;
  /** The documented path, e.g. `/organisations/{id}`. */
  readonly path: string;
  readonly audience: Audience;
}

/** What a caller gets at the door: through (whatever the handler then says), 401, or 403 for the role. */
export type DoorAnswer = 'through' | 'CUSTOS_AUTH_TOKEN_MISSING' | 'CUSTOS_AUTH_ROLE_REQUIRED';

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/**
 * Every operation of every service, from the documents built with their access extensions
 * (`openApiDocuments(env, { keepAccessExtensions: true })`): `x-custos-public` is public;
 * otherwise the roles of `x-custos-roles`, and every role when none is named (a signed-in
 * caller of any role).
 */
export function matrixOperations(documents: Record<string, OpenAPIObject>): MatrixOperation[] {
  const out: MatrixOperation[] = [];
  for (const [service, document] of Object.entries(documents)) {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item as Record<string, DocumentedOperation>)) {
        if (!METHODS.has(method)) continue;
        out.push({ service, method: method.toUpperCase(), path, audience: audienceOf(operation) });
      }
    }
  }
  return out;
}

interface DocumentedOperation {
  security?: object[];
  [OPENAPI_ROLES]?: Role[];
  [OPENAPI_PUBLIC]?: boolean;
}

function audienceOf(operation: DocumentedOperation): Audience {
  if (operation[OPENAPI_PUBLIC] === true) return { kind: 'public' };
  const roles = operation[OPENAPI_ROLES];
  return { kind: 'roles', roles: roles && roles.length > 0 ? roles : ROLES };
}

/** The expected answer at the door for a caller with only `role`, or without a token (`undefined`). */
export function expectedAtTheDoor(operation: MatrixOperation, role: Role | undefined): DoorAnswer {
  if (operation.audience.kind === 'public') return 'through';
  if (role === undefined) return 'CUSTOS_AUTH_TOKEN_MISSING';
  return operation.audience.roles.includes(role) ? 'through' : 'CUSTOS_AUTH_ROLE_REQUIRED';
}

/** The operation's path with every parameter filled, so that the request reaches the guards (which run before any pipe). */
export function concretePath(path: string): string {
  return path.replace(/\{[^}]+\}/g, 'matrix-probe');
}

/**
 * What the door said, from a status and the problem document's code. A refusal of the guards
 * is a 401 with a `CUSTOS_AUTH_` code or a 403 for a role or scope; anything else (a link's own
 * 401, another organisation's 403, a 404, a 400) is the handler's answer, given only to a caller
 * the door let through.
 */
export function doorAnswerOf(status: number, code: string | undefined): string {
  if (status === 401 && code === 'CUSTOS_AUTH_TOKEN_MISSING') return code;
  if (status === 403 && code === 'CUSTOS_AUTH_ROLE_REQUIRED') return code;
  if ((status === 401 && code?.startsWith('CUSTOS_AUTH_')) || (status === 403 && code === 'CUSTOS_AUTH_SCOPE_REQUIRED')) return `${status} ${code}`;
  return 'through';
}
