/** Expected failures of the kernel, as coded errors that HTTP maps to 4xx. */
export class EventStoreError extends Error {
  constructor(
    readonly code: 'CUSTOS_ES_CONCURRENCY_CONFLICT' | 'CUSTOS_ES_INVALID_EVENT',
    readonly status: 400 | 409,
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

export function isConcurrencyConflict(error: unknown): error is EventStoreError {
  return error instanceof EventStoreError && error.code === 'CUSTOS_ES_CONCURRENCY_CONFLICT';
}

/** Postgres rolled the transaction back for a race, not for its content: a deadlock or a serialization failure. */
export function isTransientTransactionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === '40P01' || code === '40001';
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
