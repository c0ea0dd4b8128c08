import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * What the API contract asks of every operation of a service's OpenAPI document (issue 15):
 * a 2xx with its schema (a 204 has none), every 4xx an RFC 9457 problem document naming its
 * codes, the 400 of an operation that reads input, and security with its 401 on every
 * operation that is not public. Answers one line per shortfall: `registry GET /x: no 2xx schema`.
 */
export function contractShortfalls(service: string, document: OpenAPIObject, publicOperations: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, OperationLike>)) {
      if (!OPERATION_METHODS.has(method)) continue;
      const name = `${service} ${method.toUpperCase()} ${path}`;
      const short = (what: string) => out.push(`${name}: ${what}`);
      const responses = Object.entries(operation.responses ?? {});
      const successes = responses.filter(([status]) => status.startsWith('2'));
      if (!successes.some(([status, r]) => status === '204' || hasSchema(r.content))) short('no 2xx schema');
      for (const [status, r] of responses.filter(([s]) => s.startsWith('4'))) {
        if (!r.content?.['application/problem+json']?.schema) short(`${status} is not a problem document`);
        if (!/CUSTOS_[A-Z0-9_]+/.test(r.description ?? '')) short(`${status} names no code`);
      }
      const readsInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody !== undefined;
      if (readsInput && !operation.responses?.['400']) short('reads input but documents no 400');
      for (const p of operation.parameters ?? []) if (!p.schema && !p.$ref) short(`parameter ${p.name} has no schema`);
      const pathParameters = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const p of pathParameters)
        if (!operation.parameters?.some((d) => d.in === 'path' && d.name === p)) short(`path parameter ${p} undeclared`);
      const isPublic = publicOperations.has(`${method.toUpperCase()} ${path}`);
      if (!isPublic && !(operation.security?.length && operation.responses?.['401'])) short('protected but declares no security and 401');
      if (isPublic && !(Array.isArray(operation.security) && operation.security.length === 0)) short('public but does not declare `security: []`');
    }
  }
  return out;
}

interface OperationLike {
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: object }> }>;
  parameters?: { name: string; in: string; schema?: object; $ref?: string }[];
  requestBody?: object;
  security?: object[];
}

const OPERATION_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

function hasSchema(content: Record<string, { schema?: object }> | undefined): boolean {
  return Object.values(content ?? {}).some((media) => media.schema !== undefined);
}
