/** Most keys (sources, principals) a limiter remembers; the least recently seen is forgotten first. */
export const MAX_RATE_LIMIT_KEYS = 100_000;

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSec: number };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key: `perMinute` requests at once, refilled evenly over a minute
 * (issue 16: no one can flood a service or its audit trail). In memory, per process: a
 * limit each replica enforces alone, which bounds what one replica must absorb. `perMinute` 0
 * lets everything through.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly perMinute: number,
    private readonly clock: () => number = Date.now,
    private readonly maxKeys = MAX_RATE_LIMIT_KEYS,
  ) {}

  /** Spends one request of `key`'s allowance, or says how long until one is back. */
  take(key: string): RateDecision {
    const decision = this.peek(key);
    if (decision.allowed && this.perMinute > 0) (this.buckets.get(key) as Bucket).tokens -= 1;
    return decision;
  }

  /** Whether `key` has a request left, without spending it. */
  peek(key: string): RateDecision {
    if (this.perMinute <= 0) return { allowed: true };
    const bucket = this.refilled(key);
    if (bucket.tokens >= 1) return { allowed: true };
    const msPerToken = 60_000 / this.perMinute;
    return { allowed: false, retryAfterSec: Math.max(1, Math.ceil(((1 - bucket.tokens) * msPerToken) / 1000)) };
  }

  private refilled(key: string): Bucket {
    const now = this.clock();
    const old = this.buckets.get(key);
    const bucket = old
      ? { tokens: Math.min(this.perMinute, old.tokens + ((now - old.at) * this.perMinute) / 60_000), at: now }
      : { tokens: this.perMinute, at: now };
    // Re-inserted so that the map's order is least recently seen first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    return bucket;
  }
}
