import type { ModuleRef } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { CheckOutcome, DEFAULT_CHECK_TIMEOUT_MS, ReadinessCheck, reasonOf, withTimeout } from './readiness-check';

export interface PostgresCheckOptions {
  /**
   * Checks this URL through a one-connection pool of its own. Without it, the check runs
   * through the application's TypeORM DataSource: the very connections the service uses.
   */
  readonly url?: string;
  readonly timeoutMs?: number;
  /** The key it shows under (default `postgres`; `bus` for the embedded bus's database). */
  readonly key?: string;
}

/** Postgres answers a real `SELECT 1`. */
export function postgresCheck(options: PostgresCheckOptions = {}): ReadinessCheck {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const database = databaseQuery(options.url, timeoutMs);
  return {
    key: options.key ?? 'postgres',
    async run(moduleRef): Promise<CheckOutcome> {
      try {
        await withTimeout(database.query(moduleRef, 'SELECT 1'), timeoutMs, 'Postgres');
        return { up: true };
      } catch (error) {
        return { up: false, details: { message: reasonOf(error) } };
      }
    },
    close: () => database.close(),
  };
}

/** Queries through a one-connection pool of its own on `url`, or else the application's TypeORM DataSource. */
export function databaseQuery(url: string | undefined, timeoutMs: number) {
  let pool: Pool | undefined;
  return {
    async query(moduleRef: ModuleRef, sql: string): Promise<Record<string, unknown>[]> {
      if (url) {
        pool ??= newPool(url, timeoutMs);
        return (await pool.query(sql)).rows;
      }
      const dataSource = moduleRef.get<DataSource>(getDataSourceToken(), { strict: false });
      if (!dataSource.isInitialized) throw new Error('the DataSource is not connected');
      return dataSource.query(sql);
    },
    async close(): Promise<void> {
      await pool?.end();
      pool = undefined;
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
