import type { AuthError } from '../errors/auth.errors';
import type { Principal } from '../principal/principal';
import type { AccessDenial } from './access-denial';

/** The same header `@custos/platform`'s correlation middleware reads and echoes. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

/** What a denial is made from, whatever the HTTP adapter. */
export interface DeniedRequest {
  readonly method?: string;
  readonly url?: string;
  readonly originalUrl?: string;
  readonly headers?: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly user?: Principal;
  /** Express's matched route, whose `path` is the pattern. */
  readonly route?: { readonly path?: unknown };
  readonly ip?: string;
  readonly socket?: { readonly remoteAddress?: string };
}

/** A header value goes into the ledger and the logs, so only a plain id is taken from it. */
const CORRELATION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

function plainId(raw: unknown): string | undefined {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' && CORRELATION_ID.test(value) ? value : undefined;
}

/**
 * The caller's id, or the one the platform's middleware made up and put on the response when
 * the caller sent none, so that the denial and the service's logs share it.
 */
function correlationIdOf(request: DeniedRequest, response: unknown): string | undefined {
  const fromRequest = plainId(request.headers?.[CORRELATION_ID_HEADER]);
  if (fromRequest) return fromRequest;
  const getHeader = (response as { getHeader?: (name: string) => unknown } | undefined)?.getHeader;
  return typeof getHeader === 'function' ? plainId(getHeader.call(response, CORRELATION_ID_HEADER)) : undefined;
}

export function accessDenialOf(error: AuthError, request: DeniedRequest, at: Date, response?: unknown): AccessDenial {
  const url = request.originalUrl ?? request.url ?? '';
  const correlationId = correlationIdOf(request, response);
  const principal = request.user;
  const route = typeof request.route?.path === 'string' ? request.route.path : undefined;
  const source = request.ip ?? request.socket?.remoteAddress;
  return {
    code: error.code,
    status: error.getStatus(),
    rule: error.rule,
    method: request.method ?? 'UNKNOWN',
    path: url.split('?')[0] ?? '',
    ...(route ? { route } : {}),
    ...(source ? { source: source.slice(0, 100) } : {}),
    ...(principal ? { subject: principal.subject, organisationId: principal.organisationId } : {}),
    reason: error.body.message,
    at: at.toISOString(),
    ...(correlationId ? { correlationId } : {}),
  };
}
