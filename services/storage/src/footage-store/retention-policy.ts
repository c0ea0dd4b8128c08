import { assertRetentionAllowed } from '@custos/domain';

/** A store, and the service, refuse to start with a retention below 30 days (R16.7). */
export class RetentionRefusedError extends Error {
  readonly code = 'CUSTOS_R16_7_RETENTION_TOO_SHORT';
  readonly rule = 'R16.7';
  constructor(readonly days: number) {
    super(`retention of ${days} days refused: footage is kept at least 30 whole days (R16.7)`);
    this.name = 'RetentionRefusedError';
  }
}

/** The retention in days, or throws: a misconfigured store must not come up. */
export function requireRetentionDays(days: number): number {
  const allowed = assertRetentionAllowed(days);
  if (!allowed.ok) throw new RetentionRefusedError(days);
  return allowed.value;
}
