import { SECOND_MS } from '../shared/time-window';

/**
 * R18.4 (usage rules observed: purpose-bound, time-boxed access): one viewing session, or one
 * direct-access session within its grant, lasts at most 4 hours. The one place this limit is
 * written; the request DTOs, the refusals and the console derive theirs from it.
 */
export const MAX_VIEWING_SESSION_MINUTES = 4 * 60;
export const MAX_VIEWING_SESSION_MS = MAX_VIEWING_SESSION_MINUTES * 60 * SECOND_MS;
