import { Pool } from 'pg';

/** A reader (projection or consumer) of this process, and the database it keeps its state in. */
export interface ReaderIdentity {
  readonly reader: string;
  readonly kind: 'projection' | 'consumer';
  /** The database name: `/health/ready` of a service shows the readers of its own database only. */
  readonly database: string;
}

/**
 * How each reader of this process fares, for `/health/ready`: since when it keeps failing (a
 * reader that cannot move is stuck, whatever it is behind) and how far behind it last was. The
 * six services of the embedded mode share the process; their databases tell their readers apart.
 */
export interface ReaderStatus extends ReaderIdentity {
  /** Epoch ms of the first failure since the last success; absent while it succeeds. */
  readonly failingSince?: number;
  readonly lastError?: string;
  /** Epoch ms of the last success. */
  readonly lastProgressAt?: number;
  /** Events behind the head it reads, when the reader knows it. */
  readonly lag?: number;
}

const statuses = new Map<string, ReaderStatus>();
const keyOf = (id: ReaderIdentity) => `${id.database}/${id.reader}`;

export function readerSucceeded(id: ReaderIdentity, lag?: number): void {
  const previous = statuses.get(keyOf(id));
  statuses.set(keyOf(id), { ...id, lastProgressAt: Date.now(), lag: lag ?? previous?.lag });
}

export function readerFailed(id: ReaderIdentity, error: unknown): void {
  const previous = statuses.get(keyOf(id));
  statuses.set(keyOf(id), {
    ...previous,
    ...id,
    failingSince: previous?.failingSince ?? Date.now(),
    lastError: String((error as Error | undefined)?.message ?? error).slice(0, 500),
  });
}

export function readerLagged(id: ReaderIdentity, lag: number): void {
  statuses.set(keyOf(id), { ...statuses.get(keyOf(id)), ...id, lag });
}

/** The readers of this process that keep their state in `database`. */
export function readerStatuses(database?: string): ReaderStatus[] {
  return [...statuses.values()].filter((s) => database === undefined || s.database === database);
}

/** The name of the database a pool connects to. */
export function databaseOf(pool: Pool): string {
  // A pool that is not pg's (a test's) may have no options.
  const options: { database?: string; connectionString?: string } = pool.options ?? {};
  if (options.database) return options.database;
  try {
    return decodeURIComponent(new URL(options.connectionString ?? '').pathname.slice(1));
  } catch {
    return '';
  }
}
