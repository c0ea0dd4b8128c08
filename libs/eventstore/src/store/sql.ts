import { Pool, PoolClient } from 'pg';

/** Runs `work` in one transaction on its own connection; rolls back on any error. */
export async function inTransaction<T>(pool: Pool, work: (tx: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let result: T;
  try {
    await client.query('BEGIN');
    result = await work(client);
    await client.query('COMMIT');
  } catch (e) {
    // A connection that cannot even roll back is broken: destroy it rather than pool it.
    const broken = await client.query('ROLLBACK').then(() => undefined, (rollbackError: Error) => rollbackError);
    client.release(broken);
    throw e;
  }
  client.release();
  return result;
}
