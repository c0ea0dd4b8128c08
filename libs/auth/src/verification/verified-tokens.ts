import type { JWTPayload } from 'jose';

interface Verified {
  readonly payload: JWTPayload;
  /** Seconds since the epoch: the token is accepted again from `from` until before `until`. */
  readonly from: number;
  readonly until: number;
}

/**
 * Tokens whose signature and claims were verified, so that a caller's every request does not
 * check the same signature again (an RS256 check was 10–17 % of the CPU of a queue read over
 * HTTP, measured on the bench machine). An entry answers only "still valid": expiry and
 * not-before are checked on every use, with the same tolerance and at the same whole seconds as
 * jose checks them, and any token outside its window is forgotten and verified in full again,
 * which refuses it with the usual code. An entry is kept no longer than `maxAgeSec`, so a key
 * withdrawn at the issuer is trusted at most that much longer than without the cache. Only
 * verified tokens are kept, so a forged one costs nothing here; the oldest goes first beyond
 * `capacity`.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Verified>();

  constructor(
    private readonly toleranceSec: number,
    private readonly maxAgeSec: number,
    private readonly capacity = 10_000,
  ) {}

  /** The payload of `token` if it was verified and is still valid at `nowMs`. */
  valid(token: string, nowMs = Date.now()): JWTPayload | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    const now = Math.floor(nowMs / 1000);
    if (now >= entry.from && now < entry.until) return entry.payload;
    this.entries.delete(token);
    return undefined;
  }

  /** Remembers a token jose has just accepted at `nowMs`; one without an expiry is not kept. */
  remember(token: string, payload: JWTPayload, nowMs = Date.now()): void {
    if (payload.exp === undefined) return;
    const now = Math.floor(nowMs / 1000);
    const from = payload.nbf === undefined ? -Infinity : payload.nbf - this.toleranceSec;
    const until = Math.min(payload.exp + this.toleranceSec, now + this.maxAgeSec);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { payload, from, until });
  }
}
