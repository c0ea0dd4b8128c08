/**
 * Ed25519 keys for C2SP signed notes, in the text encodings the Go `note` package and the
 * transparency-dev tools use, so that a third-party verifier accepts our checkpoints as-is:
 *
 *   verifier key: <name>+<hex key ID>+<base64(0x01 || 32-byte public key)>
 *   signer key:   PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || 32-byte seed)>
 */
import * as crypto from 'node:crypto';
import { decodeBase64Strict } from '../encoding/base64';
import { isWellFormedText } from '../encoding/text';
import { err, ok, Result } from '../result';

const ALG_ED25519 = 0x01;
const ED25519_KEY_SIZE = 32;
const ED25519_SIGNATURE_SIZE = 64;
// DER headers that turn a raw Ed25519 seed / public key into PKCS#8 / SPKI for node:crypto.
const PKCS8_SEED_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_KEY_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface NoteSigner {
  readonly name: string;
  readonly keyId: Buffer;
  /** The matching verifier key, to publish. */
  readonly verifierKey: string;
  sign(message: Uint8Array): Buffer;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: Buffer;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export interface KeyError {
  readonly code: 'KEY_MALFORMED';
  readonly message: string;
}

// Unicode white space as Go's unicode.IsSpace sees it.
const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** A key name is non-empty, without white space or '+' (the separator of the key encodings). */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !SPACE.test(name) && !name.includes('+') && isWellFormedText(name);
}

/** Key ID = first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key). */
export function noteKeyId(name: string, publicKey: Uint8Array): Buffer {
  return crypto
    .createHash('sha256')
    .update(Buffer.from(`${name}\n`, 'utf8'))
    .update(Buffer.from([ALG_ED25519]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

export function encodeVerifierKey(name: string, publicKey: Uint8Array): string {
  const key = Buffer.concat([Buffer.from([ALG_ED25519]), publicKey]).toString('base64');
  return `${name}+${noteKeyId(name, publicKey).toString('hex')}+${key}`;
}

function publicKeyOf(seed: Uint8Array): Buffer {
  const privateKey = crypto.createPrivateKey({
    key: Buffer.concat([PKCS8_SEED_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  return crypto.createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_KEY_PREFIX.length);
}

/** A fresh Ed25519 key pair for `name`, as signer and verifier key strings. */
export function generateNoteKeys(name: string): { readonly signerKey: string; readonly verifierKey: string } {
  if (!isValidKeyName(name)) throw new TypeError(`"${name}" is not a valid key name`);
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_SEED_PREFIX.length);
  const publicKey = publicKeyOf(seed);
  const keyId = noteKeyId(name, publicKey).toString('hex');
  const encodedSeed = Buffer.concat([Buffer.from([ALG_ED25519]), seed]).toString('base64');
  return { signerKey: `PRIVATE+KEY+${name}+${keyId}+${encodedSeed}`, verifierKey: encodeVerifierKey(name, publicKey) };
}

function malformed(message: string): Result<never, KeyError> {
  return err({ code: 'KEY_MALFORMED', message });
}

/** Splits on the first `count` '+' only: base64 key material may contain '+' itself. */
function splitFields(text: string, count: number): string[] | undefined {
  const fields: string[] = [];
  let rest = text;
  for (let i = 0; i < count; i++) {
    const at = rest.indexOf('+');
    if (at < 0) return undefined;
    fields.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  return [...fields, rest];
}

interface KeyFields {
  readonly name: string;
  readonly keyId: Buffer;
  readonly key: Buffer;
}

function decodeKeyFields(name: string, keyIdHex: string, keyText: string): Result<KeyFields, KeyError> {
  if (!isValidKeyName(name)) return malformed(`"${name}" is not a valid key name`);
  if (!/^[0-9a-fA-F]{8}$/.test(keyIdHex)) return malformed('key ID must be 8 hex digits');
  const material = decodeBase64Strict(keyText);
  if (material === undefined || material.length !== 1 + ED25519_KEY_SIZE || material[0] !== ALG_ED25519) {
    return malformed('key material must be base64 of 0x01 followed by 32 bytes (Ed25519)');
  }
  return ok({ name, keyId: Buffer.from(keyIdHex, 'hex'), key: material.subarray(1) });
}

/** Reads a verifier key string; the key ID must match the name and key it claims to identify. */
export function parseVerifierKey(vkey: string): Result<NoteVerifier, KeyError> {
  const fields = splitFields(vkey, 2);
  if (fields === undefined) return malformed('verifier key must be <name>+<key ID>+<key>');
  const decoded = decodeKeyFields(fields[0], fields[1], fields[2]);
  if (!decoded.ok) return decoded;
  const { name, keyId, key } = decoded.value;
  if (!noteKeyId(name, key).equals(keyId)) return malformed('key ID does not match the name and public key');
  const publicKey = crypto.createPublicKey({ key: Buffer.concat([SPKI_KEY_PREFIX, key]), format: 'der', type: 'spki' });
  return ok({
    name,
    keyId,
    verify: (message, signature) =>
      signature.length === ED25519_SIGNATURE_SIZE && crypto.verify(null, message, publicKey, signature),
  });
}

/** Reads a signer key string (as kept in the ledger service's secret store). */
export function parseSignerKey(skey: string): Result<NoteSigner, KeyError> {
  const fields = splitFields(skey, 4);
  if (fields === undefined || fields[0] !== 'PRIVATE' || fields[1] !== 'KEY') {
    return malformed('signer key must be PRIVATE+KEY+<name>+<key ID>+<key>');
  }
  const decoded = decodeKeyFields(fields[2], fields[3], fields[4]);
  if (!decoded.ok) return decoded;
  const { name, keyId, key: seed } = decoded.value;
  const publicKey = publicKeyOf(seed);
  if (!noteKeyId(name, publicKey).equals(keyId)) return malformed('key ID does not match the name and key');
  const privateKey = crypto.createPrivateKey({
    key: Buffer.concat([PKCS8_SEED_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  return ok({
    name,
    keyId,
    verifierKey: encodeVerifierKey(name, publicKey),
    sign: (message) => crypto.sign(null, message, privateKey),
  });
}
