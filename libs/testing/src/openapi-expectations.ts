import type { OpenAPIObject } from '@nestjs/swagger';

/** An operation the console's generated client relies on: its path, method and success status. */
export type DocumentedOperation = readonly [path: string, method: 'get' | 'post' | 'put' | 'delete', ok: string];

/**
 * Expects each operation to document its answer by a schema, each of the `refusals` statuses by
 * the error body, and the bearer token it needs (issue 15): what the generated client is built from.
 * A failure names the path (and status) that falls short.
 */
export function expectDocumentedOperations(document: OpenAPIObject, operations: readonly DocumentedOperation[], refusals: readonly string[]): void {
  for (const [path, method, ok] of operations) {
    const operation = document.paths[path][method]!;
    expect([path, JSON.stringify(operation.responses[ok])]).toEqual([path, expect.stringContaining('#/components/schemas/')]);
    for (const status of refusals) {
      const refusal = JSON.stringify(operation.responses[status]);
      expect([path, status, refusal]).toEqual([path, status, expect.stringContaining('#/components/schemas/ErrorBodyDto')]);
    }
    expect([path, operation.security]).toEqual([path, [{ bearer: [] }]]);
  }
}
