import { Pool, PoolClient, PoolConfig } from 'pg';

/**
 * A pool none of whose connections can end the process by an 'error' event: when Postgres
 * restarts or terminates a backend, a client emits 'error' whenever the socket tells it —
 * idle, borrowed or between the pool's own listeners. Every client gets a listener of its own
 * for its whole life; the statement in flight still fails, and the pool drops the connection.
 */
export function resilientPool(config: PoolConfig, onError: (error: Error) => void = () => undefined): Pool {
  const pool = new Pool(config);
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}

/**
 * While a connection is borrowed, the pool's 'error' listener does not cover it: if Postgres
 * drops it between two statements (a restart, `pg_terminate_backend`), the client emits 'error'
 * and, without a listener of its own, that ends the process. This listener keeps the error;
 * the statement in flight fails with it, and the connection is destroyed on release, not pooled.
 */
function guard(client: PoolClient): { lost(): Error | undefined; release(broken?: Error): void } {
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost ??= error;
  };
  client.on('error', onError);
  return {
    lost: () => lost,
    release: (broken) => {
      client.off('error', onError);
      client.release(lost ?? broken);
    },
  };
}

/** Runs `work` in one transaction on its own connection; rolls back on any error. */
export async function inTransaction<T>(pool: Pool, work: (tx: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const borrowed = guard(client);
  let result: T;
  try {
    await client.query('BEGIN');
    result = await work(client);
    await client.query('COMMIT');
  } catch (e) {
    // A connection that cannot even roll back is broken: destroy it rather than pool it.
    const broken = borrowed.lost() ?? (await client.query('ROLLBACK').then(() => undefined, (rollbackError: Error) => rollbackError));
    borrowed.release(broken);
    throw e;
  }
  borrowed.release();
  return result;
}

/** Runs `work` on one pooled connection of its own (session state such as advisory locks), guarded the same way. */
export async function withClient<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const borrowed = guard(client);
  try {
    return await work(client);
  } finally {
    borrowed.release();
  }
}
