import { MAX_VIEWING_SESSION_MINUTES, MAX_VIEWING_SESSION_MS } from './viewing-limit';

describe('the viewing limit', () => {
  it('is 4 hours, in minutes for requests and milliseconds for clocks (R18.4)', () => {
    expect(MAX_VIEWING_SESSION_MINUTES).toBe(240);
    expect(MAX_VIEWING_SESSION_MS).toBe(4 * 3_600_000);
  });
});
