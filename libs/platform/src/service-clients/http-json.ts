import { EdgeException } from '../errors/edge-errors';
import { tracedServiceCall } from '../tracing/http-spans';

/** How a service reaches another service's read API with its own token (role SERVICE). */
export interface HttpServiceClientOptions {
  readonly baseUrl: string;
  /** This service's bearer token (role SERVICE); the source caches it (`serviceTokenOf`). */
  readonly serviceToken: () => Promise<string>;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/**
 * GET `path` (relative to the base URL, so a service behind a path prefix is reached too) as
 * JSON. A 404 is "no such thing" (undefined); any other answer but 200 is the other service
 * failing, never a fact: it throws, and the command fails with a coded 502 (the service answered
 * wrongly) or 503 (it was unreachable, timed out or said it is unavailable) instead of deciding
 * on it. Nothing a client sent is to blame, and the client may retry.
 */
export async function getJson<T>(options: HttpServiceClientOptions, service: string, path: string): Promise<T | undefined> {
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const url = new URL(path.replace(/^\//, ''), base);
  // The request's correlation id and trace context go along, so that the other service's log
  // lines and spans join this one's.
  let response: Response;
  try {
    response = await tracedServiceCall(
      { service, method: 'GET', url },
      async (headers) =>
        (options.fetch ?? fetch)(url, {
          headers: { authorization: `Bearer ${await options.serviceToken()}`, accept: 'application/json', ...headers },
          signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
        }),
      (answer) => answer.status,
    );
  } catch (error) {
    throw downstreamUnavailable(service, error);
  }
  if (response.status === 404) {
    await response.arrayBuffer();
    return undefined;
  }
  if (!response.ok) {
    await response.arrayBuffer().catch(() => undefined);
    throw new EdgeException(
      response.status === 503 ? 'CUSTOS_DOWNSTREAM_UNAVAILABLE' : 'CUSTOS_DOWNSTREAM_FAILED',
      { service, status: response.status },
      `${service} answered ${response.status} for ${url.pathname}; retry later`,
    );
  }
  try {
    return (await response.json()) as T;
  } catch (error) {
    throw downstreamUnavailable(service, error);
  }
}

function downstreamUnavailable(service: string, cause: unknown): EdgeException {
  const timedOut = (cause as Error)?.name === 'TimeoutError';
  return new EdgeException('CUSTOS_DOWNSTREAM_UNAVAILABLE', { service }, `${service} ${timedOut ? 'did not answer in time' : 'could not be reached'}; retry later`);
}

/** A small time-bounded cache of answers (or of pending look-ups, so bursts ask once). */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {}

  /** The cached value of `key`, else `load()`'s; a failed or `keep`-refused load is not kept. */
  get(key: string, load: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && this.now() < hit.until) return hit.value;
    const value = load();
    if (this.ttlMs <= 0) return value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const entry = { value, until: this.now() + this.ttlMs };
    this.entries.set(key, entry);
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    value.then((v) => (keep(v) ? undefined : forget()), forget);
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
