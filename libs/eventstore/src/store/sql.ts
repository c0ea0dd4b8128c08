import { escapeLiteral, Pool, PoolClient, PoolConfig, QueryResult } from 'pg';

/**
 * A pool none of whose connections can end the process by an 'error' event: when Postgres
 * restarts or terminates a backend, a client emits 'error' whenever the socket tells it —
 * idle, borrowed or between the pool's own listeners. Every client gets a listener of its own
 * for its whole life; the statement in flight still fails, and the pool drops the connection.
 * Once the pool is ending, `onError` hears nothing: `end()` resolves as soon as its clients are
 * told to end, so a server stopped right after (the embedded launcher's Ctrl-C) may still
 * terminate their sessions first, and that is the shutdown, not a failure.
 */
export function resilientPool(config: PoolConfig, onError: (error: Error) => void = () => undefined): Pool {
  const pool = new Pool(config);
  const report = (error: Error) => {
    if (!pool.ending) onError(error);
  };
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
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

/**
 * A statement a transaction leaves for its end, sent with COMMIT in one round trip (the simple
 * query protocol, so its values are written into its text as literals). A lock it takes is
 * then held for that statement and the commit only, never across a client round trip.
 */
export interface AtCommit {
  /** The statement's text, values inlined (see `inlineValues`); undefined when there is nothing left to do. */
  statement(): string | undefined;
  /** Its result, once the transaction committed. */
  committed(result: QueryResult): void;
  /** What the caller is told when the statement failed (and so the transaction rolled back). */
  explain(error: unknown): Promise<unknown>;
}

/** The one statement left for the commit of a transaction opened with `{ atCommit: true }`. */
export class CommitSlot {
  last?: AtCommit;
}

const slots = new WeakMap<PoolClient, CommitSlot>();

/** The commit slot of `tx` when its transaction takes a statement at its commit; otherwise undefined. */
export function commitSlotOf(tx: PoolClient | undefined): CommitSlot | undefined {
  return tx && slots.get(tx);
}

export interface TransactionOptions {
  /**
   * Lets work leave one statement for the commit (`AtCommit`): a command's append, so that the
   * event store's sequence lock is taken by the last statement and released by the commit
   * sent with it. Only for work that neither reads back nor catches what it appended.
   */
  readonly atCommit?: boolean;
}

/** Runs `work` in one transaction on its own connection; rolls back on any error. */
export async function inTransaction<T>(pool: Pool, work: (tx: PoolClient) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const client = await pool.connect();
  const borrowed = guard(client);
  const slot = options.atCommit ? new CommitSlot() : undefined;
  if (slot) slots.set(client, slot);
  let result: T;
  let closing: AtCommit | undefined;
  try {
    await client.query('BEGIN');
    result = await work(client);
    const statement = slot?.last?.statement();
    if (statement !== undefined) {
      closing = slot!.last!;
      const [last] = (await client.query(`${statement};\nCOMMIT`)) as unknown as QueryResult[];
      closing.committed(last);
    } else await client.query('COMMIT');
  } catch (e) {
    slots.delete(client);
    // A connection that cannot even roll back is broken: destroy it rather than pool it.
    const broken = borrowed.lost() ?? (await client.query('ROLLBACK').then(() => undefined, (rollbackError: Error) => rollbackError));
    borrowed.release(broken);
    throw closing ? await closing.explain(e) : e;
  }
  slots.delete(client);
  borrowed.release();
  return result;
}

/** A value as an SQL literal: numbers, strings, null, and (one-dimensional) arrays of them. */
function literalOf(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'string') return escapeLiteral(value);
  if (Array.isArray(value)) {
    const items = value.map((item) =>
      item === null || item === undefined ? 'NULL' : typeof item === 'number' ? literalOf(item) : `"${String(item).replace(/[\\"]/g, '\\$&')}"`,
    );
    return escapeLiteral(`{${items.join(',')}}`);
  }
  throw new Error(`no literal for a ${typeof value}`);
}

/**
 * A parameterised statement with its values written in as literals, for the simple query
 * protocol (which takes several statements in one round trip, but no parameters). `$n` must
 * occur only as parameters in `text`.
 */
export function inlineValues(text: string, values: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => literalOf(values[Number(n) - 1]));
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
