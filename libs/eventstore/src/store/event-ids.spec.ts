import { newEventId } from './event-ids';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newEventId', () => {
  it('is an RFC 9562 version 7 UUID whose first 48 bits are the time of the append in milliseconds', () => {
    const at = Date.UTC(2026, 11, 5, 23, 30, 0, 123);
    const id = newEventId(at);
    expect(id).toMatch(V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts by time across milliseconds, as a byte string and as Postgres orders uuids', () => {
    const ids = [0, 1, 255, 256, 65_536, 2 ** 40].map((ms) => newEventId(Date.UTC(2026, 0, 1) + ms));
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps 74 random bits: 100,000 ids in one millisecond are distinct', () => {
    const at = Date.now();
    const ids = new Set(Array.from({ length: 100_000 }, () => newEventId(at)));
    expect(ids.size).toBe(100_000);
    for (const id of [...ids].slice(0, 1000)) expect(id).toMatch(V7);
  });
});
