import type { ModuleRef } from '@nestjs/core';

/** What a check found: `up` or `down`, and facts to show (never credentials). */
export interface CheckOutcome {
  readonly up: boolean;
  readonly details?: Record<string, unknown>;
}

/**
 * One dependency `/health/ready` waits for. A check never throws: it answers `down` with the
 * reason, so one failing dependency shows as such instead of failing the whole probe.
 */
export interface ReadinessCheck {
  /** The key under which the result shows (`postgres`, `kafka`, `s3`, `bus`). */
  readonly key: string;
  run(moduleRef: ModuleRef): Promise<CheckOutcome>;
  /** Releases what the check holds open (a connection pool), when the application closes. */
  close?(): Promise<void>;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 2000;

/** A dependency that does not answer in time is down: a readiness probe must answer quickly. */
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reasonOf(error.errors[0]);
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
