import { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction on its own connection; rolls back on any error.
 *
 * While the connection is borrowed, the pool's 'error' listener does not cover it: if Postgres
 * drops it between two statements (a restart, `pg_terminate_backend`), the client emits 'error'
 * and, without a listener of its own, that ends the process. The listener here keeps the
 * error; the statement in flight fails with it, and the connection is destroyed, not pooled.
 */
export async function inTransaction<T>(pool: Pool, work: (tx: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost ??= error;
  };
  client.on('error', onError);
  let result: T;
  try {
    await client.query('BEGIN');
    result = await work(client);
    await client.query('COMMIT');
  } catch (e) {
    // A connection that cannot even roll back is broken: destroy it rather than pool it.
    const broken = lost ?? (await client.query('ROLLBACK').then(() => undefined, (rollbackError: Error) => rollbackError));
    client.off('error', onError);
    client.release(broken);
    throw e;
  }
  client.off('error', onError);
  client.release(lost);
  return result;
}
