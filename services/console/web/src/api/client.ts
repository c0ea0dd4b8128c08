import createClient, { type Middleware } from 'openapi-fetch';
import { getLocale } from '../i18n';
import { getSession, setSession } from '../session';
import type { paths as ApprovalsPaths } from './approvals';
import type { paths as CustodyPaths } from './custody';
import type { paths as LedgerPaths } from './ledger';
import type { paths as OversightPaths } from './oversight';
import type { paths as RegistryPaths } from './registry';
import type { paths as RequestsPaths } from './requests';
import type { paths as StoragePaths } from './storage';

/**
 * One typed client per service, typed by its committed OpenAPI document (`npm run console:types`
 * writes `./<service>.d.ts` from `./openapi/<service>.json`). All go through the gateway on the console's own origin
 * (`/api/<service>/…`), with the signed-in person's bearer token and the console's language.
 *
 *   const { data, error } = await api.registry.GET('/organisations/{id}', { params: { path: { id } } });
 */
const auth: Middleware = {
  onRequest({ request }) {
    const session = getSession();
    if (session) request.headers.set('Authorization', `Bearer ${session.accessToken}`);
    request.headers.set('Accept-Language', getLocale());
    return request;
  },
  onResponse({ request, response }) {
    // The services no longer accept this token (expired, or signed with the key of an embedded
    // run before a restart): back to the sign-in page rather than a console of errors.
    const session = getSession();
    if (response.status === 401 && session && request.headers.get('Authorization') === `Bearer ${session.accessToken}`) {
      setSession(null);
    }
    return response;
  },
};

function client<P extends object>(service: string) {
  const c = createClient<P>({ baseUrl: `${globalThis.location?.origin ?? ''}/api/${service}/v1` });
  c.use(auth);
  return c;
}

export const api = {
  registry: client<RegistryPaths>('registry'),
  requests: client<RequestsPaths>('requests'),
  approvals: client<ApprovalsPaths>('approvals'),
  custody: client<CustodyPaths>('custody'),
  storage: client<StoragePaths>('storage'),
  ledger: client<LedgerPaths>('ledger'),
  oversight: client<OversightPaths>('oversight'),
};

/** An API error as the services send it: an RFC 9457 problem document with a stable code citing the rule. */
export interface ApiError {
  readonly status?: number;
  readonly code?: string;
  readonly rule?: string;
  readonly detail?: string;
}

/** Unwraps an openapi-fetch result for TanStack Query: the data, or a thrown ApiError. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) {
    const e = (result.error ?? {}) as ApiError;
    throw Object.assign(new Error(e.code ?? `HTTP ${result.response.status}`), { api: e, status: result.response.status });
  }
  return result.data;
}
