import { Pool } from 'pg';

// The table, http_idempotency_keys, is made by the kernel's migrations (libs/migrations).

/** What a request carrying a key may do. */
export type IdempotencyClaim =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'replay'; readonly status: number; readonly body: string | null }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'in-progress' };

export interface IdempotencyStoreOptions {
  /** A first request this much older that never completed (its process died) may be run again. */
  readonly abandonAfterMs?: number;
  /** How long a duplicate waits for the first request to complete before answering 409. */
  readonly waitMs?: number;
}

/**
 * Idempotency keys and the answers given to them, in the service's own database. The primary key
 * (principal, key) decides between concurrent duplicates: exactly one inserts and runs the
 * command; the others wait for its answer. A failed command releases its key, since it changed
 * nothing and may be tried again; only answers that were given (2xx) are kept.
 */
export class IdempotencyStore {
  private readonly abandonAfterMs: number;
  private readonly waitMs: number;

  constructor(
    private readonly pool: Pool,
    options: IdempotencyStoreOptions = {},
  ) {
    this.abandonAfterMs = options.abandonAfterMs ?? 5 * 60_000;
    this.waitMs = options.waitMs ?? 10_000;
  }

  async claim(principal: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const inserted = await this.pool.query(
        `INSERT INTO http_idempotency_keys (principal, key, fingerprint) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING`,
        [principal, key, fingerprint],
      );
      if (inserted.rowCount === 1) return { kind: 'claimed' };
      const { rows } = await this.pool.query<{ fingerprint: string; status: number | null; body: string | null }>(
        `SELECT fingerprint, status, body FROM http_idempotency_keys WHERE principal = $1 AND key = $2`,
        [principal, key],
      );
      const row = rows[0];
      if (!row) continue; // released between our insert and select: try again
      if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
      if (row.status !== null) return { kind: 'replay', status: row.status, body: row.body };
      if (await this.takeOverAbandoned(principal, key)) return { kind: 'claimed' };
      if (Date.now() >= deadline) return { kind: 'in-progress' };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async complete(principal: string, key: string, status: number, body: string | null): Promise<void> {
    await this.pool.query(
      `UPDATE http_idempotency_keys SET status = $3, body = $4, completed_at = now() WHERE principal = $1 AND key = $2`,
      [principal, key, status, body],
    );
  }

  async release(principal: string, key: string): Promise<void> {
    await this.pool.query(`DELETE FROM http_idempotency_keys WHERE principal = $1 AND key = $2 AND status IS NULL`, [principal, key]);
  }

  /** One of several waiting duplicates wins: the row lock makes the others see the new created_at. */
  private async takeOverAbandoned(principal: string, key: string): Promise<boolean> {
    const taken = await this.pool.query(
      `UPDATE http_idempotency_keys SET created_at = now()
        WHERE principal = $1 AND key = $2 AND status IS NULL
          AND created_at < now() - make_interval(secs => $3::double precision / 1000)`,
      [principal, key, this.abandonAfterMs],
    );
    return taken.rowCount === 1;
  }
}
