import { randomBytes } from 'node:crypto';
import { ConfigValidationError, loadConfig } from '@custos/platform';
import { ApprovalsConfig } from './approvals.config';

/** Issue 16 "Keys": the secret wrapping the organs' signing keys is a key, not a pass phrase (R18.5). */
describe('APPROVALS_KEY_ENCRYPTION_SECRET outside the embedded mode (issue 16)', () => {
  const load = (secret: string) => loadConfig(ApprovalsConfig, { EMBEDDED_MODE: 'false', APPROVALS_KEY_ENCRYPTION_SECRET: secret });

  it.each([
    ['a pass phrase', 'a-real-secret-from-the-vault'],
    ['16 random bytes', randomBytes(16).toString('hex')],
    ['31 random bytes in base64', randomBytes(31).toString('base64')],
    ['32 bytes of a repeated pattern', 'ab'.repeat(32)],
  ])('refuses %s, naming the setting without echoing it', (_label, secret) => {
    let refused: unknown;
    try {
      load(secret);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ConfigValidationError);
    expect((refused as ConfigValidationError).problems).toEqual([
      expect.objectContaining({ variable: 'APPROVALS_KEY_ENCRYPTION_SECRET', given: '(hidden)' }),
    ]);
  });

  it.each([
    ['openssl rand -hex 32', randomBytes(32).toString('hex')],
    ['openssl rand -base64 32', randomBytes(32).toString('base64')],
  ])('accepts %s', (_label, secret) => {
    expect(load(secret).APPROVALS_KEY_ENCRYPTION_SECRET).toBe(secret);
  });

  it('keeps the embedded mode on its development-only default', () => {
    expect(loadConfig(ApprovalsConfig, { EMBEDDED_MODE: 'true' }).APPROVALS_KEY_ENCRYPTION_SECRET).toMatch(/dev-only/);
  });
});
