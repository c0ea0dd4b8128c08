import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainException } from '@custos/platform';
import { LinkSigner, linkSecretOf } from './signed-link';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const T0 = new Date('2026-03-01T10:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

function refusal(run: () => unknown): { status: number; code: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainException);
    const e = error as DomainException;
    return { status: e.getStatus(), code: (e.getResponse() as { code: string }).code };
  }
  throw new Error('expected a refusal');
}

describe('LinkSigner (R18.4: short-lived capability links)', () => {
  const signer = new LinkSigner(SECRET);

  it('gives back the claims of a genuine link before its expiry', () => {
    const token = signer.sign({ sessionId: 's-1', personId: 'p-1' }, 60_000, T0);
    expect(signer.verify(token, at(59_999))).toEqual({
      sessionId: 's-1',
      personId: 'p-1',
      exp: T0.getTime() + 60_000,
    });
  });

  it('refuses an expired link with CUSTOS_LINK_EXPIRED (401)', () => {
    const token = signer.sign({ sessionId: 's-1' }, 60_000, T0);
    expect(refusal(() => signer.verify(token, at(60_000)))).toEqual({ status: 401, code: 'CUSTOS_LINK_EXPIRED' });
  });

  it('refuses altered claims, an altered signature, another secret and garbage with CUSTOS_LINK_INVALID (401)', () => {
    const token = signer.sign({ sessionId: 's-1', personId: 'p-1' }, 60_000, T0);
    const [body, mac] = token.split('.');
    const forgedBody = Buffer.from(
      JSON.stringify({ sessionId: 's-1', personId: 'p-2', exp: T0.getTime() + 60_000 }),
    ).toString('base64url');
    const flipped = Buffer.from(mac, 'base64url');
    flipped[0] ^= 1;
    for (const bad of [
      `${forgedBody}.${mac}`,
      `${body}.${flipped.toString('base64url')}`,
      `${body}.${mac.slice(0, -2)}`,
      new LinkSigner(`${SECRET}-other`).sign({ sessionId: 's-1', personId: 'p-1' }, 60_000, T0),
      '',
      'no-dot',
      `${body}.`,
      `a.b.c`,
    ]) {
      expect(refusal(() => signer.verify(bad, at(1)))).toEqual({ status: 401, code: 'CUSTOS_LINK_INVALID' });
    }
  });

  it('rotates with overlap: a new kid signs, links of the old kid verify until it is removed, then are refused (issue 16)', () => {
    const before = new LinkSigner(`k1:${SECRET}`);
    const oldLink = before.sign({ sessionId: 's-1' }, 60_000, T0);
    expect(JSON.parse(Buffer.from(oldLink.split('.')[0], 'base64url').toString())).toMatchObject({ kid: 'k1' });
    const during = new LinkSigner(`k2:${SECRET}-two,k1:${SECRET}`);
    expect(during.currentKid).toBe('k2');
    expect(during.verify(oldLink, at(1))).toEqual({ sessionId: 's-1', exp: T0.getTime() + 60_000 });
    const newLink = during.sign({ sessionId: 's-2' }, 60_000, T0);
    expect(JSON.parse(Buffer.from(newLink.split('.')[0], 'base64url').toString())).toMatchObject({ kid: 'k2' });
    expect(refusal(() => before.verify(newLink, at(1)))).toEqual({ status: 401, code: 'CUSTOS_LINK_INVALID' });
    const after = new LinkSigner(`k2:${SECRET}-two`);
    expect(after.verify(newLink, at(1)).sessionId).toBe('s-2');
    expect(refusal(() => after.verify(oldLink, at(1)))).toEqual({ status: 401, code: 'CUSTOS_LINK_INVALID' });
  });

  it('refuses a link that names a key id it was not signed with, and a kid-less link under a keyed ring (issue 16)', () => {
    const ring = new LinkSigner(`k2:${SECRET}-two,k1:${SECRET}`);
    const byK1 = new LinkSigner(`k1:${SECRET}`).sign({ sessionId: 's-1' }, 60_000, T0);
    const [body, sig] = byK1.split('.');
    const relabelled = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), kid: 'k2' })).toString('base64url');
    expect(refusal(() => ring.verify(`${relabelled}.${sig}`, at(1)))).toEqual({ status: 401, code: 'CUSTOS_LINK_INVALID' });
    expect(refusal(() => ring.verify(new LinkSigner(SECRET).sign({}, 60_000, T0), at(1)))).toEqual({ status: 401, code: 'CUSTOS_LINK_INVALID' });
  });

  it.each([
    ['a short secret in the ring', `k2:short,k1:${SECRET}`],
    ['a key id twice', `k1:${SECRET},k1:${SECRET}-two`],
    ['several secrets without key ids', `${SECRET},${SECRET}-two`],
  ])('cannot be built with %s (issue 16)', (_label, spec) => {
    expect(() => new LinkSigner(spec)).toThrow();
  });

  it('cannot be built with a short secret nor sign a link without a lifetime', () => {
    expect(() => new LinkSigner('short')).toThrow(/32 characters/);
    expect(() => signer.sign({}, 0, T0)).toThrow(/positive lifetime/);
  });
});

describe('linkSecretOf', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'custody-link-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes CUSTODY_LINK_SECRET when set', () => {
    expect(linkSecretOf({ CUSTODY_LINK_SECRET: ` ${SECRET} `, EMBEDDED_MODE: false, CUSTODY_KEYS_DIR: dir })).toBe(
      SECRET,
    );
  });

  it('refuses to start without one outside the embedded mode', () => {
    expect(() => linkSecretOf({ CUSTODY_LINK_SECRET: '', EMBEDDED_MODE: false, CUSTODY_KEYS_DIR: dir })).toThrow(
      /CUSTODY_LINK_SECRET is required/,
    );
  });

  it('generates one once in the embedded mode, keeps it private (0600) and reuses it', () => {
    const keys = join(dir, 'keys');
    const first = linkSecretOf({ CUSTODY_LINK_SECRET: '', EMBEDDED_MODE: true, CUSTODY_KEYS_DIR: keys });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(keys, 'custody-link.secret'), 'utf8')).toBe(first);
    expect(statSync(join(keys, 'custody-link.secret')).mode & 0o777).toBe(0o600);
    expect(statSync(keys).mode & 0o777).toBe(0o700);
    expect(linkSecretOf({ CUSTODY_LINK_SECRET: '', EMBEDDED_MODE: true, CUSTODY_KEYS_DIR: keys })).toBe(first);
    expect(() => new LinkSigner(first)).not.toThrow();
  });
});
