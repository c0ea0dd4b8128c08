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

/**
 * Runs a load-decide-save attempt again when another writer got to the aggregate first: the
 * decision is taken anew on the fresh state, so it still holds (or is refused) on what is
 * really there. After `attempts` lost races, the conflict is the caller's (409).
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, attempts = 3): Promise<T> {
  for (let left = attempts; ; left--) {
    try {
      return await attempt();
    } catch (error) {
      if (!isConcurrencyConflict(error) || left <= 1) throw error;
    }
  }
}
