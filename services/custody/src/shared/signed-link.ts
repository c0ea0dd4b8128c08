import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { DomainError, domainErrorOf, err, ok, Result } from '@custos/domain';
import { DomainException, embeddedSecret, orRefuse } from '@custos/platform';

/** The claims every link carries besides the caller's: expiry (ms since epoch). */
interface Envelope {
  readonly exp: number;
}

/** The claims of a genuine, unexpired link, as signed (its key id aside). */
export type LinkClaims = Readonly<Record<string, unknown>> & Envelope;

/** Why a link is refused (401): authentication failures, no rule's refusals. */
export const linkErrors = {
  /** A link that is not one of ours, or was altered. */
  invalid: (reason?: string): DomainError => domainErrorOf('CUSTOS_LINK_INVALID', undefined, reason),
  /** A genuine link past its time. */
  expired: (expiredAt: string): DomainError => domainErrorOf('CUSTOS_LINK_EXPIRED', { expiredAt }),
};

/** {@link linkErrors.invalid}, to throw at the HTTP edge. */
export function linkInvalid(reason?: string): DomainException {
  return new DomainException(linkErrors.invalid(reason));
}

/** One secret of the link key ring; `kid` absent for a secret given alone (the format before key ids). */
export interface LinkKey {
  readonly kid?: string;
  readonly key: Buffer;
}

const KID_ENTRY = /^([A-Za-z0-9_-]{1,32}):(.*)$/s;

/**
 * The link key ring from CUSTODY_LINK_SECRET (issue 16: the secret rotates with overlap): one
 * secret, or a comma-separated list of `kid:secret`, the first signing new links and every one
 * accepted for the links it signed until it is removed (retired). Each secret has at least 32
 * characters; key ids are unique. Throws on anything else.
 */
export function parseLinkKeys(spec: string): LinkKey[] {
  const entries = spec.split(',').map((e) => e.trim());
  const keys = entries.map((entry): LinkKey => {
    const match = KID_ENTRY.exec(entry);
    const secret = match ? match[2] : entry;
    if (secret.length < 32) throw new Error('each link secret must have at least 32 characters');
    return { ...(match ? { kid: match[1] } : {}), key: Buffer.from(secret, 'utf8') };
  });
  if (keys.length > 1 && keys.some((k) => k.kid === undefined)) {
    throw new Error('several link secrets each need a key id: kid:secret,kid:secret');
  }
  if (new Set(keys.map((k) => k.kid)).size !== keys.length) throw new Error('the link key ids must be unique');
  return keys;
}

/**
 * Short-lived capability links for browsers: a `<video>` element or a plain download cannot
 * send a bearer token, so the link itself is the authority, bound to what it grants and short
 * in time (R18.4: time-boxed, purpose-bound access). The token is `base64url(JSON claims)`
 * `.` `base64url(HMAC-SHA256(secret, first part))`; the signature is compared in constant time.
 * The claims name the key id (`kid`) of the secret that signed them, so that the secret can
 * rotate with overlap: links of a previous key verify until that key is removed (issue 16).
 * The claims are readable by whoever holds the link: put no secret in them.
 */
export class LinkSigner {
  private readonly keys: LinkKey[];

  constructor(secret: string) {
    this.keys = parseLinkKeys(secret);
  }

  /** The key id new links are signed with (undefined for a secret given alone). */
  get currentKid(): string | undefined {
    return this.keys[0].kid;
  }

  sign(claims: Record<string, unknown>, ttlMs: number, now: Date = new Date()): string {
    if (!(ttlMs > 0)) throw new Error('a link needs a positive lifetime');
    const [current] = this.keys;
    const signed = { ...claims, ...(current.kid === undefined ? {} : { kid: current.kid }), exp: now.getTime() + ttlMs };
    const body = Buffer.from(JSON.stringify(signed), 'utf8').toString('base64url');
    return `${body}.${mac(current.key, body).toString('base64url')}`;
  }

  /** The claims of a genuine, unexpired link; else refused CUSTOS_LINK_INVALID / CUSTOS_LINK_EXPIRED (401). */
  claimsOf(token: string, now: Date): Result<LinkClaims> {
    const parts = typeof token === 'string' ? token.split('.') : [];
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return err(linkErrors.invalid());
    const [body, signature] = parts;
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return err(linkErrors.invalid());
    }
    if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) return err(linkErrors.invalid());
    const { kid, exp, ...rest }: Record<string, unknown> = { ...claims };
    // The key id only chooses the key: nothing of the claims counts before the signature holds.
    const key = this.keys.find((k) => k.kid === (typeof kid === 'string' ? kid : undefined));
    if (key === undefined) return err(linkErrors.invalid());
    const given = Buffer.from(signature, 'base64url');
    const expected = mac(key.key, body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return err(linkErrors.invalid());
    if (typeof exp !== 'number') return err(linkErrors.invalid());
    if (now.getTime() >= exp) return err(linkErrors.expired(new Date(exp).toISOString()));
    return ok({ ...rest, exp });
  }

  /** {@link claimsOf}, refused at the HTTP edge. */
  verify(token: string, now: Date): LinkClaims {
    return orRefuse(this.claimsOf(token, now));
  }
}

function mac(key: Buffer, body: string): Buffer {
  return createHmac('sha256', key).update(body, 'utf8').digest();
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
