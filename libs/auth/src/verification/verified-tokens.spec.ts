import { VerifiedTokens } from './verified-tokens';

const T = 1_800_000_000;
const at = (seconds: number) => seconds * 1000;

describe('VerifiedTokens (R3.1)', () => {
  const payload = { sub: 'officer', nbf: T, exp: T + 300 };

  it('answers a verified token with its payload while it is valid', () => {
    const tokens = new VerifiedTokens(30, 600);
    tokens.remember('t', payload, at(T));
    expect(tokens.valid('t', at(T + 299))).toBe(payload);
    expect(tokens.valid('other', at(T + 1))).toBeUndefined();
  });

  it('stops answering at expiry, with the tolerance and the whole seconds jose uses', () => {
    const tokens = new VerifiedTokens(30, 600);
    tokens.remember('t', payload, at(T));
    expect(tokens.valid('t', at(T + 329) + 999)).toBe(payload);
    expect(tokens.valid('t', at(T + 330))).toBeUndefined();
    // Forgotten once outside its window: the next use is verified in full again.
    expect(tokens.valid('t', at(T + 1))).toBeUndefined();
  });

  it('answers nothing before not-before less the tolerance (a clock set back)', () => {
    const tokens = new VerifiedTokens(30, 600);
    tokens.remember('t', payload, at(T));
    expect(tokens.valid('t', at(T - 31))).toBeUndefined();
  });

  it('keeps a token no longer than its maximum age, however long it is valid', () => {
    const tokens = new VerifiedTokens(30, 600);
    tokens.remember('t', { sub: 'officer', exp: T + 86_400 }, at(T));
    expect(tokens.valid('t', at(T + 599))).toBeDefined();
    expect(tokens.valid('t', at(T + 600))).toBeUndefined();
  });

  it('does not keep a token without an expiry', () => {
    const tokens = new VerifiedTokens(30, 600);
    tokens.remember('t', { sub: 'officer' }, at(T));
    expect(tokens.valid('t', at(T))).toBeUndefined();
  });

  it('forgets the oldest token beyond its capacity', () => {
    const tokens = new VerifiedTokens(30, 600, 2);
    for (const token of ['a', 'b', 'c']) tokens.remember(token, payload, at(T));
    expect(['a', 'b', 'c'].map((token) => tokens.valid(token, at(T)) !== undefined)).toEqual([false, true, true]);
  });
});
