import { AsyncLocalStorage } from 'node:async_hooks';

/** What a log line needs to know about the work it belongs to. */
export interface RequestContext {
  /** Absent for work no request caused (start-up, timers a module starts). */
  readonly correlationId?: string;
  /**
   * The service doing the work. Nest's `Logger` is one per process, and the embedded mode
   * runs six services in one process, so the service is carried with the work instead.
   */
  readonly service?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/**
 * Runs `work` with a context that every log line inside it (and inside what it awaits) will
 * carry. For work that is not an HTTP request: an event consumed from the bus continues the
 * correlation id of the event.
 */
export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}
