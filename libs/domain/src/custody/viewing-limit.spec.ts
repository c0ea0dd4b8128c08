import { MAX_VIEWING_SESSION_MINUTES, MAX_VIEWING_SESSION_MS, viewingLimitFacts, withinViewingLimit } from './viewing-limit';

describe('the viewing limit', () => {
  it('is 4 hours, in minutes for requests and milliseconds for clocks (R18.4)', () => {
    expect(MAX_VIEWING_SESSION_MINUTES).toBe(240);
    expect(MAX_VIEWING_SESSION_MS).toBe(4 * 3_600_000);
  });

  it('admits some time up to the limit, and states a refusal in minutes (R18.4)', () => {
    expect([withinViewingLimit(1), withinViewingLimit(MAX_VIEWING_SESSION_MS), withinViewingLimit(MAX_VIEWING_SESSION_MS + 1), withinViewingLimit(0)]).toEqual([true, true, false, false]);
    expect(viewingLimitFacts(300 * 60_000)).toEqual({ requestedMinutes: 300, maxMinutes: 240 });
  });
});
