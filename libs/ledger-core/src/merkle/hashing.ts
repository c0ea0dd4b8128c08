import * as crypto from 'node:crypto';

/** Every hash in the log is SHA-256 (RFC 9162 §2.1). */
export const HASH_SIZE = 32;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

// crypto.hash is a one-shot digest, about a third faster than createHash for 33–65 byte
// inputs; it exists from Node 20.12, and engines allows any Node 20.
const sha256: (data: Uint8Array) => Buffer =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha256', data, 'buffer')
    : (data) => crypto.createHash('sha256').update(data).digest();

/** Root of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1). */
export const EMPTY_ROOT: Buffer = sha256(new Uint8Array(0));

/** MTH of a single entry: SHA-256(0x00 || entry). The prefix keeps a leaf from passing as a node. */
export function leafHash(entry: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(1 + entry.length);
  input[0] = LEAF_PREFIX;
  input.set(entry, 1);
  return sha256(input);
}

/** Interior node: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(1 + left.length + right.length);
  input[0] = NODE_PREFIX;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return sha256(input);
}

/** Byte equality; a hash of the wrong length is simply unequal. Hashes are public: no timing concern. */
export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}
