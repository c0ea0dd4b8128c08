import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { domainErrorOf } from '@custos/domain';
import { DomainException, embeddedSecret } from '@custos/platform';

/** The claims every link carries besides the caller's: expiry (ms since epoch). */
interface Envelope {
  readonly exp: number;
}

/** A link that is not one of ours, or was altered (401): an authentication failure, no rule's refusal. */
export function linkInvalid(reason?: string): DomainException {
  return new DomainException(domainErrorOf('CUSTOS_LINK_INVALID', undefined, reason));
}

/** A genuine link past its time (401). */
export function linkExpired(expiredAt: string): DomainException {
  return new DomainException(domainErrorOf('CUSTOS_LINK_EXPIRED', { expiredAt }));
}

/**
 * Short-lived capability links for browsers: a `<video>` element or a plain download cannot
 * send a bearer token, so the link itself is the authority, bound to what it grants and short
 * in time (R18.4: time-boxed, purpose-bound access). The token is `base64url(JSON claims)`
 * `.` `base64url(HMAC-SHA256(secret, first part))`; the signature is compared in constant time.
 * The claims are readable by whoever holds the link: put no secret in them.
 */
export class LinkSigner {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the link secret must have at least 32 characters');
    this.key = Buffer.from(secret, 'utf8');
  }

  sign(claims: Record<string, unknown>, ttlMs: number, now: Date = new Date()): string {
    if (!(ttlMs > 0)) throw new Error('a link needs a positive lifetime');
    const body = Buffer.from(JSON.stringify({ ...claims, exp: now.getTime() + ttlMs }), 'utf8').toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** The claims of a genuine, unexpired link; else throws CUSTOS_LINK_INVALID / CUSTOS_LINK_EXPIRED (401). */
  verify<T>(token: string, now: Date): T {
    const parts = typeof token === 'string' ? token.split('.') : [];
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '') throw linkInvalid();
    const [body, signature] = parts;
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw linkInvalid();
    let claims: Envelope & Record<string, unknown>;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw linkInvalid();
    }
    if (claims === null || typeof claims !== 'object' || typeof claims.exp !== 'number') throw linkInvalid();
    if (now.getTime() >= claims.exp) throw linkExpired(new Date(claims.exp).toISOString());
    return claims as unknown as T;
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body, 'utf8').digest();
  }
}

export interface LinkSecretSettings {
  readonly CUSTODY_LINK_SECRET: string;
  readonly EMBEDDED_MODE: boolean;
  readonly CUSTODY_KEYS_DIR: string;
}

/**
 * The secret of the links: CUSTODY_LINK_SECRET when set; else, in the embedded mode only, one
 * generated once and kept (0600) in the embedded keys folder, so links survive a restart.
 * Outside the embedded mode a missing secret refuses to start: replicas with secrets of their
 * own would refuse each other's links.
 */
export function linkSecretOf(settings: LinkSecretSettings): string {
  const given = settings.CUSTODY_LINK_SECRET.trim();
  if (given !== '') return given;
  return embeddedSecret({
    embedded: settings.EMBEDDED_MODE,
    requiredMessage:
      'CUSTODY_LINK_SECRET is required when EMBEDDED_MODE=false: at least 32 random characters, the same on every custody replica',
    file: join(settings.CUSTODY_KEYS_DIR, 'custody-link.secret'),
    generate: () => randomBytes(32).toString('base64url'),
  });
}
