import { domainErrorOf } from '../errors';
import { err, ok, Result } from '../result';

/** Footage is kept at least 30 days; a law may demand longer (R16.7). */
export const MINIMUM_RETENTION_DAYS = 30;

/**
 * Refuses a retention period shorter than 30 whole days (R16.7). A fractional or non-finite
 * number of days is refused too: object-lock retention is set in whole days, and rounding
 * down would silently shorten it.
 */
export function assertRetentionAllowed(days: number): Result<number> {
  if (!Number.isInteger(days) || days < MINIMUM_RETENTION_DAYS) {
    return err(
      domainErrorOf('CUSTOS_R16_7_RETENTION_TOO_SHORT', {
        days,
        minimumDays: MINIMUM_RETENTION_DAYS,
      }),
    );
  }
  return ok(days);
}
