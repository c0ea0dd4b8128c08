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

/**
 * The days one object is locked for: its image system's retention (R16.7, from the registry)
 * when given, never less than the store's own configured minimum. A system's retention below
 * 30 days cannot come from the registry, which refuses it; here it throws.
 */
export function lockDaysFor(storeDays: number, systemDays: number | undefined): number {
  return systemDays === undefined ? storeDays : Math.max(storeDays, requireRetentionDays(systemDays));
}
