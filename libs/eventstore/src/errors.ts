/**
 * Every code the kernel answers with. They cite no rule: the kernel knows events, not the
 * regulation. Defined here once; the domain's and the edge's catalogues hold none of them.
 */
export const EVENT_STORE_ERROR_CODES = [
  'CUSTOS_ES_CONCURRENCY_CONFLICT',
  'CUSTOS_ES_INVALID_EVENT',
  'CUSTOS_ES_QUARANTINE_NOT_FOUND',
  'CUSTOS_ES_QUARANTINE_NOT_FIRST',
  'CUSTOS_ES_QUARANTINE_REPLAY_FAILED',
  'CUSTOS_ES_OVERLOADED',
] as const;

export type EventStoreErrorCode = (typeof EVENT_STORE_ERROR_CODES)[number];

/** The status each kernel code is answered with, for the documents that name them. */
export const EVENT_STORE_ERROR_STATUS: Readonly<Record<EventStoreErrorCode, EventStoreError['status']>> = {
  CUSTOS_ES_CONCURRENCY_CONFLICT: 409,
  CUSTOS_ES_INVALID_EVENT: 400,
  CUSTOS_ES_QUARANTINE_NOT_FOUND: 404,
  CUSTOS_ES_QUARANTINE_NOT_FIRST: 409,
  CUSTOS_ES_QUARANTINE_REPLAY_FAILED: 409,
  CUSTOS_ES_OVERLOADED: 503,
};

/** Expected failures of the kernel, as coded errors that HTTP maps to 4xx. */
export class EventStoreError extends Error {
  constructor(
    readonly code: EventStoreErrorCode,
    readonly status: 400 | 404 | 409 | 503,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'EventStoreError';
  }
}

export function concurrencyConflict(aggregateId: string, expected: number, actual: number): EventStoreError {
  return new EventStoreError(
    'CUSTOS_ES_CONCURRENCY_CONFLICT',
    409,
    `aggregate ${aggregateId} is at version ${actual}, expected ${expected}`,
    { aggregateId, expected, actual },
  );
}

/** The store's group-commit queue is full: the write is refused at once, nothing stored; the caller may retry (issue 16). */
export function storeOverloaded(service: string, maxQueued: number): EventStoreError {
  return new EventStoreError(
    'CUSTOS_ES_OVERLOADED',
    503,
    `the ${service} event store has ${maxQueued} writes waiting; retry shortly`,
    { maxQueued },
  );
}

export function isConcurrencyConflict(error: unknown): error is EventStoreError {
  return error instanceof EventStoreError && error.code === 'CUSTOS_ES_CONCURRENCY_CONFLICT';
}

/** Postgres rolled the transaction back for a race, not for its content: a deadlock or a serialization failure. */
export function isTransientTransactionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === '40P01' || code === '40001';
}

const TRANSIENT_SQLSTATE_CLASSES = ['08', '40', '53', '57', '58'];
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/**
 * The failure says nothing about the event: the database went away, refused a connection, ran
 * out of resources, cancelled the statement or lost a race (connection, 40xxx, 53xxx, 57xxx,
 * 58xxx, a lock not available). Retried, never quarantined: the same event will go through
 * once the database is back.
 */
export function isTransientFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') {
    if (TRANSIENT_NODE_CODES.has(code) || code === '55P03') return true;
    if (/^[0-9A-Z]{5}$/.test(code)) return TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2));
  }
  const message = String((error as Error | undefined)?.message ?? error);
  return /connection|terminat|timeout|timed out|ECONN|socket/i.test(message);
}

/**
 * Runs a load-decide-save attempt again when another writer got to the aggregate first, or
 * when Postgres chose its transaction as a deadlock's victim: the decision is taken anew on
 * the fresh state, so it still holds (or is refused) on what is really there. After
 * `attempts` lost races, the failure is the caller's (a conflict answers 409).
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, attempts = 3): Promise<T> {
  for (let left = attempts; ; left--) {
    try {
      return await attempt();
    } catch (error) {
      const raced = isConcurrencyConflict(error) || isTransientTransactionFailure(error);
      if (!raced || left <= 1) throw error;
    }
  }
}
