import { domainErrorOf } from '../errors';
import { err, ok, Result } from '../result';
import { DAY_MS, TimeWindow } from '../shared/time-window';
import { assertRetentionAllowed, MINIMUM_RETENTION_DAYS } from '../storage/retention';

/**
 * Validates the time window of recorded footage asked for by a view, copy or retrieval:
 * it starts before it ends (R18.4: access is time-boxed), it does not reach past `now`
 * (recorded footage of the future does not exist) and it does not start before the oldest
 * footage the system must still hold, `now − retentionDays` (R16.7).
 *
 * `retentionDays` is the system's retention (default the legal minimum of 30 days); a value
 * below the minimum is refused rather than trusted.
 */
export function assertFootageWindow(
  window: TimeWindow,
  now: Date,
  retentionDays: number = MINIMUM_RETENTION_DAYS,
): Result<TimeWindow> {
  const retention = assertRetentionAllowed(retentionDays);
  if (!retention.ok) return retention;

  const details = {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    now: now.toISOString(),
  };
  if (window.from.getTime() >= window.to.getTime()) {
    return err(domainErrorOf('CUSTOS_R18_4_WINDOW_EMPTY', details));
  }
  if (window.to.getTime() > now.getTime()) {
    return err(domainErrorOf('CUSTOS_R18_4_WINDOW_IN_FUTURE', details));
  }
  const oldest = now.getTime() - retentionDays * DAY_MS;
  if (window.from.getTime() < oldest) {
    return err(
      domainErrorOf('CUSTOS_R16_7_WINDOW_BEYOND_RETENTION', {
        ...details,
        retentionDays,
        oldestAvailable: new Date(oldest).toISOString(),
      }),
    );
  }
  return ok(window);
}

/**
 * Validates the period of a direct-access grant (R17.4): access to a live system is
 * time-boxed, so the period starts before it ends, has not already ended at `now`, and lasts
 * no longer than `maxDurationMs`. The maximum is policy of the approving organ, not a number
 * in the regulation, so the caller states it.
 */
export function assertDirectAccessGrantPeriod(
  period: TimeWindow,
  now: Date,
  maxDurationMs: number,
): Result<TimeWindow> {
  const details = {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    now: now.toISOString(),
  };
  const duration = period.to.getTime() - period.from.getTime();
  if (duration <= 0) return err(domainErrorOf('CUSTOS_R18_4_WINDOW_EMPTY', details));
  if (period.to.getTime() <= now.getTime()) {
    return err(domainErrorOf('CUSTOS_R17_4_GRANT_ALREADY_ENDED', details));
  }
  if (duration > maxDurationMs) {
    return err(
      domainErrorOf('CUSTOS_R17_4_GRANT_TOO_LONG', {
        ...details,
        durationMs: duration,
        maxDurationMs,
      }),
    );
  }
  return ok(period);
}
