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
