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
 * failing, never a fact: it throws, and the command fails (500) instead of deciding on it.
 */
export async function getJson<T>(options: HttpServiceClientOptions, service: string, path: string): Promise<T | undefined> {
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const url = new URL(path.replace(/^\//, ''), base);
  const response = await (options.fetch ?? fetch)(url, {
    headers: { authorization: `Bearer ${await options.serviceToken()}`, accept: 'application/json' },
    signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
  });
  if (response.status === 404) {
    await response.arrayBuffer();
    return undefined;
  }
  if (!response.ok) {
    await response.arrayBuffer();
    throw new Error(`${service} answered ${response.status} for ${url.pathname}`);
  }
  return (await response.json()) as T;
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
