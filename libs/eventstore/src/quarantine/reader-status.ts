/**
 * How each reader (projection or consumer) of this process fares, for `/health/ready`: since
 * when it keeps failing (a reader that cannot move is stuck, whatever it is behind) and how far
 * behind it last was. Keyed by reader name; names are unique across the services (they name
 * tables and consumer groups), so the six services of the embedded mode can share the process.
 */
export interface ReaderStatus {
  readonly reader: string;
  readonly kind: 'projection' | 'consumer';
  /** Epoch ms of the first failure since the last success; absent while it succeeds. */
  readonly failingSince?: number;
  readonly lastError?: string;
  /** Epoch ms of the last success. */
  readonly lastProgressAt?: number;
  /** Events behind the head it reads, when the reader knows it. */
  readonly lag?: number;
}

const statuses = new Map<string, ReaderStatus>();

export function readerSucceeded(reader: string, kind: ReaderStatus['kind'], lag?: number): void {
  const previous = statuses.get(reader);
  statuses.set(reader, { reader, kind, lastProgressAt: Date.now(), lag: lag ?? previous?.lag });
}

export function readerFailed(reader: string, kind: ReaderStatus['kind'], error: unknown): void {
  const previous = statuses.get(reader);
  statuses.set(reader, {
    ...previous,
    reader,
    kind,
    failingSince: previous?.failingSince ?? Date.now(),
    lastError: String((error as Error | undefined)?.message ?? error).slice(0, 500),
  });
}

export function readerLagged(reader: string, kind: ReaderStatus['kind'], lag: number): void {
  statuses.set(reader, { ...statuses.get(reader), reader, kind, lag });
}

export function readerStatus(reader: string): ReaderStatus | undefined {
  return statuses.get(reader);
}

export function readerStatuses(): ReaderStatus[] {
  return [...statuses.values()];
}
