/**
 * What libs/ledger-core takes from `node:crypto`, for the browser (vite.config.mts maps the
 * core's `node:crypto` here): SHA-256 and Ed25519 verification, synchronous as the core calls
 * them. Signing and key generation stay on the server; here they throw.
 */
import './buffer-global';
import { Buffer } from 'buffer/';
import nacl from 'tweetnacl';
import { sha256 } from '../../../../../../../libs/ledger-core/src/merkle/sha256-js';

type Encoding = 'binary' | 'latin1' | 'base64' | 'hex' | 'buffer' | undefined;

function encode(digest: Uint8Array, encoding: Encoding): string | Buffer {
  const bytes = Buffer.from(digest.buffer as ArrayBuffer, digest.byteOffset, digest.length);
  return encoding === undefined || encoding === 'buffer' ? bytes : bytes.toString(encoding);
}

function onlySha256(algorithm: string): void {
  if (algorithm.toLowerCase() !== 'sha256') throw new Error(`${algorithm} is not available in the browser verifier`);
}

export function hash(algorithm: string, data: Uint8Array | string, encoding: Encoding = 'hex'): string | Buffer {
  onlySha256(algorithm);
  return encode(sha256(typeof data === 'string' ? Buffer.from(data, 'utf8') : data), encoding);
}

export function createHash(algorithm: string) {
  onlySha256(algorithm);
  const parts: Buffer[] = [];
  const hasher = {
    update(data: Uint8Array | string) {
      parts.push(
        typeof data === 'string'
          ? Buffer.from(data, 'utf8')
          : Buffer.from(data.buffer as ArrayBuffer, data.byteOffset, data.length),
      );
      return hasher;
    },
    digest(encoding?: Encoding) {
      return encode(sha256(Buffer.concat(parts)), encoding);
    },
  };
  return hasher;
}

/** An SPKI DER Ed25519 key (12-byte header, 32-byte key), as note-keys.ts builds it. */
interface BrowserPublicKey {
  readonly raw: Uint8Array;
}

export function createPublicKey(options: { key: Uint8Array; format: 'der'; type: 'spki' }): BrowserPublicKey {
  return { raw: options.key.subarray(options.key.length - 32) };
}

interface Ed25519Check {
  readonly message: Uint8Array;
  readonly key: Uint8Array;
  readonly signature: Uint8Array;
}
const idOf = ({ message, key, signature }: Ed25519Check) =>
  [key, signature, message].map((bytes) => String.fromCharCode(...bytes)).join('|');
/** Verdicts WebCrypto gave (it is asynchronous; the core asks synchronously): see `withWebCryptoSignatures`. */
const known = new Map<string, boolean>();
/** While set, a dry run is listing the checks the core will ask for (and is told they hold). */
let listing: Ed25519Check[] | undefined;

/**
 * Runs `run` with every Ed25519 check it makes verified by the browser's WebCrypto (BoringSSL,
 * as strict as Node's OpenSSL, and far faster than tweetnacl): a dry run of `dryRun` lists the
 * checks, WebCrypto verifies them all, then `run` finds their verdicts. A check the dry run did
 * not list, or a browser without WebCrypto Ed25519, falls back to tweetnacl.
 */
export async function withWebCryptoSignatures<T>(dryRun: () => unknown, run: () => T): Promise<T> {
  const checks: Ed25519Check[] = [];
  listing = checks;
  try {
    dryRun();
  } catch {
    // The real run reports whatever failed.
  } finally {
    listing = undefined;
  }
  try {
    await Promise.all(
      checks.map(async (check) => {
        const key = await globalThis.crypto.subtle.importKey(
          'raw',
          Uint8Array.from(check.key),
          { name: 'Ed25519' },
          false,
          ['verify'],
        );
        known.set(
          idOf(check),
          await globalThis.crypto.subtle.verify(
            { name: 'Ed25519' },
            key,
            Uint8Array.from(check.signature),
            Uint8Array.from(check.message),
          ),
        );
      }),
    );
  } catch {
    // No WebCrypto Ed25519 here: tweetnacl answers.
  }
  try {
    return run();
  } finally {
    known.clear();
  }
}

export function verify(_algorithm: null, message: Uint8Array, key: BrowserPublicKey, signature: Uint8Array): boolean {
  const check = { message, key: key.raw, signature };
  if (listing !== undefined) {
    listing.push({
      message: Uint8Array.from(message),
      key: Uint8Array.from(key.raw),
      signature: Uint8Array.from(signature),
    });
    return true;
  }
  return known.get(idOf(check)) ?? nacl.sign.detached.verify(message, signature, key.raw);
}

function serverOnly(): never {
  throw new Error('signing keys are not used in the browser verifier');
}
export const createPrivateKey = serverOnly;
export const generateKeyPairSync = serverOnly;
export const sign = serverOnly;
export const randomUUID = () => globalThis.crypto.randomUUID();
