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
}

/** Postgres answers a real `SELECT 1`. */
export function postgresCheck(options: PostgresCheckOptions = {}): ReadinessCheck {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  let pool: Pool | undefined;
  const query = async (moduleRef: ModuleRef): Promise<void> => {
    if (options.url) {
      pool ??= newPool(options.url, timeoutMs);
      await pool.query('SELECT 1');
      return;
    }
    const dataSource = moduleRef.get<DataSource>(getDataSourceToken(), { strict: false });
    if (!dataSource.isInitialized) throw new Error('the DataSource is not connected');
    await dataSource.query('SELECT 1');
  };
  return {
    key: 'postgres',
    async run(moduleRef): Promise<CheckOutcome> {
      try {
        await withTimeout(query(moduleRef), timeoutMs, 'Postgres');
        return { up: true };
      } catch (error) {
        return { up: false, details: { message: reasonOf(error) } };
      }
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
