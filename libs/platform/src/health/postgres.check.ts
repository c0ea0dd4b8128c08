import { Pool } from 'pg';
import { CheckOutcome, DEFAULT_CHECK_TIMEOUT_MS, ReadinessCheck, reasonOf, withTimeout } from './readiness-check';

export interface PostgresCheckOptions {
  /** Checks this URL through a one-connection pool of its own (or `database`'s). */
  readonly url: string;
  /** The pool to check through, shared with the service's other checks of the same database. */
  readonly database?: DatabaseQuery;
  readonly timeoutMs?: number;
  /** The key it shows under (default `postgres`; `bus` for the embedded bus's database). */
  readonly key?: string;
}

/** Postgres answers a real `SELECT 1`. */
export function postgresCheck(options: PostgresCheckOptions): ReadinessCheck {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const database = options.database ?? databaseQuery(options.url, timeoutMs);
  return {
    key: options.key ?? 'postgres',
    async run(): Promise<CheckOutcome> {
      try {
        await withTimeout(database.query('SELECT 1'), timeoutMs, 'Postgres');
        return { up: true };
      } catch (error) {
        return { up: false, details: { message: reasonOf(error) } };
      }
    },
    close: () => database.close(),
  };
}

export interface DatabaseQuery {
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/**
 * Queries through a one-connection pool of its own on `url`, opened at the first check: the
 * health checks need no pool of ten beside the service's own (nor an ORM to open one).
 */
export function databaseQuery(url: string, timeoutMs: number = DEFAULT_CHECK_TIMEOUT_MS): DatabaseQuery {
  let pool: Pool | undefined;
  return {
    async query(sql: string): Promise<Record<string, unknown>[]> {
      pool ??= newPool(url, timeoutMs);
      return (await pool.query(sql)).rows;
    },
    // Shared by two checks, so closed twice: the second finds nothing left to end.
    async close(): Promise<void> {
      const open = pool;
      pool = undefined;
      await open?.end();
    },
  };
}

function newPool(url: string, timeoutMs: number): Pool {
  const pool = new Pool({
    connectionString: url,
    max: 1,
    connectionTimeoutMillis: timeoutMs,
    idleTimeoutMillis: 30000,
    application_name: 'custos-health',
  });
  // An idle connection the server drops must not crash the process; the next check reconnects.
  pool.on('error', () => undefined);
  return pool;
}
