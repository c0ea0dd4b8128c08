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

/**
 * The convention for actions and their status codes (README, "API conventions"): a POST to a
 * collection (a plural noun: `/requests`, `/evidence-items/{id}/hand-overs`) creates → 201; a POST
 * to anything else (`/approval-cases/{id}/approve`, `…/acknowledgement`) acts on a resource →
 * 200 with its new state; a PUT answers 200 (201 when it created the resource), a DELETE 204
 * (200 with a receipt), a GET 200 (206 for a range). `creating` names the POSTs that create a
 * resource of their own under a singular noun. One line per operation that deviates.
 */
export function statusConventionDeviations(service: string, document: OpenAPIObject, creating: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, OperationLike>)) {
      if (!OPERATION_METHODS.has(method)) continue;
      const successes = Object.keys(operation.responses ?? {}).filter((s) => s.startsWith('2'));
      const allowed = allowedStatuses(method, path, creating.has(`${method.toUpperCase()} ${path}`));
      const wrong = successes.filter((s) => !allowed.includes(s));
      if (wrong.length > 0) out.push(`${service} ${method.toUpperCase()} ${path}: answers ${wrong.join(', ')}, the convention ${allowed.join(' or ')}`);
    }
  }
  return out;
}

function allowedStatuses(method: string, path: string, creates: boolean): string[] {
  const last = path.split('/').pop() ?? '';
  if (method === 'get') return ['200', '206'];
  if (method === 'put') return ['200', '201'];
  if (method === 'delete') return ['204', '200'];
  // A plural noun (`orders`, not `status` nor `with-progress`).
  const collection = !last.startsWith('{') && /[^su]s$/.test(last);
  return collection || creates ? ['201'] : ['200'];
}

/**
 * One pagination shape (issue 15): a GET answering `items` answers `nextCursor` beside them and
 * reads `cursor` and `limit`. One line per list that does not.
 */
export function pagingShortfalls(service: string, document: OpenAPIObject): string[] {
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaLike>;
  const resolve = (schema: SchemaLike | undefined): SchemaLike | undefined =>
    schema?.$ref ? resolve(schemas[schema.$ref.replace('#/components/schemas/', '')]) : schema;
  const propertiesOf = (schema: SchemaLike | undefined): Record<string, SchemaLike> => {
    const resolved = resolve(schema);
    return Object.assign({}, resolved?.properties ?? {}, ...(resolved?.allOf ?? []).map(propertiesOf));
  };
  const out: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const operation = (item as Record<string, OperationLike>).get;
    const answer = operation?.responses?.['200']?.content?.['application/json']?.schema as SchemaLike | undefined;
    const properties = propertiesOf(answer);
    if (resolve(properties.items)?.type !== 'array') continue;
    const name = `${service} GET ${path}`;
    if (!('nextCursor' in properties)) out.push(`${name}: a list without nextCursor`);
    for (const parameter of ['cursor', 'limit'])
      if (!operation!.parameters?.some((p) => p.in === 'query' && p.name === parameter)) out.push(`${name}: a list without the ${parameter} parameter`);
  }
  return out;
}

interface SchemaLike {
  $ref?: string;
  type?: string;
  properties?: Record<string, SchemaLike>;
  allOf?: SchemaLike[];
}
