import { RequestMethod } from '@nestjs/common';

/** Every service's API answers under /v1 (issue 15); probes, metrics, discovery, docs and the embedded sign-in stay at the root. */
export const API_PREFIX = 'v1';

export const UNVERSIONED_PATHS = ['health/*path', 'metrics', '.well-known/*path', 'docs', 'docs-json', 'dev/*path'];

export const UNVERSIONED_ROUTES = UNVERSIONED_PATHS.map((path) => ({ path, method: RequestMethod.ALL }));

/** Whether an OpenAPI path (no prefix) is one of those left at the root. */
export function isUnversioned(openApiPath: string): boolean {
  return /^\/(health\/|metrics$|\.well-known\/|docs|dev\/)/.test(openApiPath);
}

/** The path a client calls for an operation of the OpenAPI documents (which keep paths unprefixed). */
export function apiPath(openApiPath: string): string {
  return isUnversioned(openApiPath) ? openApiPath : `/${API_PREFIX}${openApiPath}`;
}
