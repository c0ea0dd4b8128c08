import { SECOND_MS } from '../shared/time-window';

/**
 * R18.4 (usage rules observed: purpose-bound, time-boxed access): one viewing session, or one
 * direct-access session within its grant, lasts at most 4 hours. The one place this limit is
 * written; the request DTOs, the refusals and the console derive theirs from it.
 */
export const MAX_VIEWING_SESSION_MINUTES = 4 * 60;
export const MAX_VIEWING_SESSION_MS = MAX_VIEWING_SESSION_MINUTES * 60 * SECOND_MS;

/** Does a session asked for `durationMs` keep to the limit (R18.4)? Some time, and no more than 4 hours. */
export function withinViewingLimit(durationMs: number): boolean {
  return durationMs > 0 && durationMs <= MAX_VIEWING_SESSION_MS;
}

/** The facts of a session refused for its length (R18.4): what was asked and the limit, in minutes. */
export function viewingLimitFacts(requestedMs: number): { requestedMinutes: number; maxMinutes: number } {
  return { requestedMinutes: Math.round(requestedMs / (60 * SECOND_MS)), maxMinutes: MAX_VIEWING_SESSION_MINUTES };
}
