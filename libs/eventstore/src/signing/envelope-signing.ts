import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { CanonicalSplice, canonicalBytes } from '@custos/contracts';

/**
 * Signed event envelopes (issue 16, "the bus and the ledger trust no one"). The relay of each
 * service signs what it publishes with the service's Ed25519 key; the signature covers the RFC
 * 8785 canonical bytes of the envelope without its `sig`, and names the key (`kid`). Readers
 * (consumers and the ledger) pin each service's public keys (EVENT_TRUSTED_KEYS) and refuse an
 * event that is unsigned (when signatures are required), signed by a key they do not pin for
 * the event's own service, or whose signature does not match: anyone who reaches the brokers
 * can write a message, but not one that passes for a service's event.
 */
export interface EnvelopeSignature {
  readonly kid: string;
  readonly alg: 'Ed25519';
  /** base64url of the 64-byte Ed25519 signature. */
  readonly value: string;
}

/** `required`: an unsigned event is refused. `optional`: accepted (migration, tests without keys). */
export type SignatureMode = 'required' | 'optional';

/** The reason codes a refused event is recorded (dead-letter, ledger_rejected, log, metric) with. */
export const EVENT_SIGNATURE_CODES = [
  'CUSTOS_ES_EVENT_UNSIGNED',
  'CUSTOS_ES_EVENT_KEY_UNKNOWN',
  'CUSTOS_ES_EVENT_SIGNATURE_INVALID',
] as const;
export type EventSignatureCode = (typeof EVENT_SIGNATURE_CODES)[number];

export type SignatureCheck =
  | { readonly ok: true; readonly signed: boolean }
  | { readonly ok: false; readonly code: EventSignatureCode; readonly reason: string };

const ALG = 'Ed25519';
/** DER prefix of an Ed25519 PKCS8 private key; a 32-byte seed follows it. */
const PKCS8_SEED_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32-byte public key follows it. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

const logger = new Logger('EventSignatures');

/** An Ed25519 private key from a PKCS8 PEM, or from the base64(url) of its 32-byte seed. */
export function parseSigningKey(text: string): KeyObject {
  const trimmed = text.trim();
  const key = trimmed.startsWith('-----')
    ? createPrivateKey(trimmed)
    : seedKey(Buffer.from(trimmed, /[-_]/.test(trimmed) ? 'base64url' : 'base64'));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the event signing key must be an Ed25519 key');
  return key;
}

function seedKey(seed: Buffer): KeyObject {
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes (base64)');
  return createPrivateKey({ key: Buffer.concat([PKCS8_SEED_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** The raw 32-byte public key, base64url: how EVENT_TRUSTED_KEYS names it. */
export function rawPublicKey(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length).toString('base64url');
}

function publicKeyFromRaw(text: string): KeyObject {
  const raw = Buffer.from(text.trim(), /[-_]/.test(text) ? 'base64url' : 'base64');
  if (raw.length !== 32) throw new Error('an Ed25519 public key is 32 bytes (base64url)');
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** A key id derived from the public key, so that a rotated key gets a new id by itself. */
export function keyIdOf(service: string, key: KeyObject): string {
  return keyIdOfPublicKey(service, rawPublicKey(key));
}

/**
 * The key id of a raw public key (base64url), as the registry names a published key; throws
 * when `publicKey` is not a 32-byte Ed25519 key.
 */
export function keyIdOfPublicKey(service: string, publicKey: string): string {
  const raw = rawPublicKey(publicKeyFromRaw(publicKey));
  return `${service}-${createHash('sha256').update(raw, 'utf8').digest('hex').slice(0, 16)}`;
}

/** A new signing key as the base64url of its seed (what the embedded mode keeps). */
export function generateSigningKey(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_SEED_PREFIX.length).toString('base64url');
}

/** The bytes a signature covers: the canonical envelope without its `sig`. */
function signedBytes(envelope: Record<string, unknown>): Buffer {
  const { sig: _sig, ...unsigned } = envelope;
  return canonicalBytes(unsigned);
}

/** Signs the envelopes of one service. */
export class EnvelopeSigner {
  readonly kid: string;

  constructor(
    readonly service: string,
    private readonly key: KeyObject,
    kid?: string,
  ) {
    this.kid = kid ?? keyIdOf(service, key);
  }

  static fromSetting(service: string, setting: string): EnvelopeSigner {
    return new EnvelopeSigner(service, parseSigningKey(setting));
  }

  /** `service:kid:publicKey`, the entry readers pin in EVENT_TRUSTED_KEYS. */
  get trustedKeyEntry(): string {
    return `${this.service}:${this.kid}:${rawPublicKey(this.key)}`;
  }

  /**
   * The envelope with its `sig`, as the canonical bytes the relay publishes: the envelope is
   * canonicalised once, for the bytes signed and, with the signature spliced in, those sent.
   */
  sign(envelope: Record<string, unknown>): Buffer {
    const splice = new CanonicalSplice(envelope, 'sig');
    const value = sign(null, Buffer.from(splice.without(), 'utf8'), this.key).toString('base64url');
    const sig: EnvelopeSignature = { kid: this.kid, alg: ALG, value };
    return Buffer.from(splice.with(sig), 'utf8');
  }
}

/** Checks envelopes against the pinned public keys of each service. */
export class EnvelopeVerifier {
  /** service → kid → public key */
  private readonly keys = new Map<string, Map<string, KeyObject>>();

  constructor(
    readonly mode: SignatureMode,
    trusted: readonly { service: string; kid: string; publicKey: string }[] = [],
  ) {
    for (const t of trusted) {
      const ofService = this.keys.get(t.service) ?? new Map<string, KeyObject>();
      ofService.set(t.kid, publicKeyFromRaw(t.publicKey));
      this.keys.set(t.service, ofService);
    }
  }

  /**
   * From the settings: EVENT_TRUSTED_KEYS lists `service:kid:publicKey` entries (comma or
   * whitespace separated); EVENT_SIGNATURES is `required` or `optional`, by default `required`
   * as soon as keys are pinned and `optional` when none are.
   */
  static fromSettings(trustedKeys: string, mode?: string): EnvelopeVerifier {
    const entries = parseTrustedKeys(trustedKeys);
    return new EnvelopeVerifier(signatureModeOf(entries.length > 0, mode), entries);
  }

  /** Accepts everything unsigned; checks what is signed by a pinned key (readers built without settings). */
  static readonly permissive = new EnvelopeVerifier('optional');

  check(raw: unknown): SignatureCheck {
    const envelope = raw as Record<string, unknown>;
    const sig = envelope.sig as Partial<EnvelopeSignature> | undefined;
    const service = String(envelope.service);
    if (sig === undefined || sig === null) {
      return this.mode === 'required'
        ? { ok: false, code: 'CUSTOS_ES_EVENT_UNSIGNED', reason: `an unsigned event of ${service} (signatures are required)` }
        : { ok: true, signed: false };
    }
    if (typeof sig !== 'object' || sig.alg !== ALG || typeof sig.kid !== 'string' || typeof sig.value !== 'string') {
      return { ok: false, code: 'CUSTOS_ES_EVENT_SIGNATURE_INVALID', reason: 'sig must be { kid, alg: Ed25519, value }' };
    }
    const key = this.keys.get(service)?.get(sig.kid);
    if (!key) {
      // Without pinned keys (optional mode) a signature cannot be checked, and counts as none.
      if (this.mode === 'optional' && !this.keys.has(service)) return { ok: true, signed: false };
      return { ok: false, code: 'CUSTOS_ES_EVENT_KEY_UNKNOWN', reason: `key ${sig.kid} is not pinned for ${service}` };
    }
    const good = verify(null, signedBytes(envelope), key, Buffer.from(sig.value, 'base64url'));
    return good
      ? { ok: true, signed: true }
      : { ok: false, code: 'CUSTOS_ES_EVENT_SIGNATURE_INVALID', reason: `the signature by ${sig.kid} does not match the event` };
  }
}

/** EVENT_SIGNATURES, or by default `required` when keys are pinned by setting and `optional` when not. */
export function signatureModeOf(keysPinned: boolean, mode?: string): SignatureMode {
  const chosen = mode?.trim() || (keysPinned ? 'required' : 'optional');
  if (chosen !== 'required' && chosen !== 'optional') throw new Error(`EVENT_SIGNATURES must be required or optional, not ${chosen}`);
  return chosen;
}

export function parseTrustedKeys(text: string): { service: string; kid: string; publicKey: string }[] {
  return text
    .split(/[\s,]+/)
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [service, kid, publicKey, ...rest] = entry.split(':');
      if (!service || !kid || !publicKey || rest.length > 0) throw new Error(`EVENT_TRUSTED_KEYS: "${entry}" is not service:kid:publicKey`);
      publicKeyFromRaw(publicKey);
      return { service, kid, publicKey };
    });
}

/** The alarm for a refused event: an error log with its code, for the on-call to see. */
export function alarmRefusedEvent(reader: string, source: string, eventId: string | null, refusal: { code: string; reason: string }): void {
  logger.error({ code: refusal.code, reader, source, eventId, reason: refusal.reason, msg: 'an event was refused: forged, unsigned or wrongly signed' });
}

/**
 * The process's signers and pinned keys, set at start-up from each service's settings and used
 * by the relays and readers built without their own. The embedded launcher runs every service
 * in one process: each service adds its signer, and the pinned keys of all add up.
 */
const processSigners = new Map<string, EnvelopeSigner>();
const processTrusted = new Map<string, { service: string; kid: string; publicKey: string }>();
/** The keys the registry publishes (issue 16), replaced at each refresh; revoked ones are kept to be excluded. */
let processPublished: readonly PublishedKey[] = [];
let processMode: SignatureMode | undefined;
let processVerifier: EnvelopeVerifier | undefined;

/** A key as the registry publishes it (`GET /event-keys`). */
export interface PublishedKey {
  readonly service: string;
  readonly kid: string;
  readonly publicKey: string;
  readonly revokedAt?: string;
}

function rebuildProcessVerifier(): void {
  const revoked = new Set(processPublished.filter((k) => k.revokedAt !== undefined).map((k) => `${k.service}:${k.kid}`));
  const trusted = new Map(processTrusted);
  for (const k of processPublished) if (k.revokedAt === undefined) trusted.set(`${k.service}:${k.kid}`, { service: k.service, kid: k.kid, publicKey: k.publicKey });
  // A revoked key is refused even where a setting pinned it: revocation is what the registry says last.
  for (const id of revoked) trusted.delete(id);
  processVerifier = new EnvelopeVerifier(processMode ?? 'optional', [...trusted.values()]);
}

export function useEnvelopeSigner(signer: EnvelopeSigner): void {
  processSigners.set(signer.service, signer);
}

/** Pins `trusted` in this process; `required` once any service of the process requires signatures. */
export function trustEnvelopeKeys(trusted: readonly { service: string; kid: string; publicKey: string }[], mode: SignatureMode): void {
  for (const t of trusted) processTrusted.set(`${t.service}:${t.kid}`, t);
  processMode = processMode === 'required' ? 'required' : mode;
  rebuildProcessVerifier();
}

/**
 * Pins, beside the settings' bootstrap pins, the keys the registry publishes (issue 16): the
 * unrevoked ones are trusted, a revoked one is refused from then on (as an unknown key). Each
 * call replaces the previous published set, so a key revoked since the last fetch drops out.
 */
export function usePublishedEnvelopeKeys(keys: readonly PublishedKey[]): void {
  for (const k of keys) if (k.revokedAt === undefined) parseTrustedKeys(`${k.service}:${k.kid}:${k.publicKey}`);
  processPublished = [...keys];
  rebuildProcessVerifier();
}

/** The signer of `service` in this process, if it has one. */
export function envelopeSignerOf(service: string): EnvelopeSigner | undefined {
  return processSigners.get(service);
}

/** The process's verifier; without settings, one that accepts unsigned events. */
export function envelopeVerifier(): EnvelopeVerifier {
  return processVerifier ?? EnvelopeVerifier.permissive;
}
