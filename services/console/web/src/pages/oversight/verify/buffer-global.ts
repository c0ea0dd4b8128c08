/**
 * The verifier core (libs/ledger-core) is written against Node's Buffer. In the browser it runs
 * on the `buffer` package, given the two fast paths the core's hot loop looks for on Node's
 * prototype (latin1Slice, base64Write): the package's own are a string concatenation per byte
 * and an array allocated per string. Imported first by the worker, before any of the core.
 */
import { Buffer } from 'buffer/';

// Indexed by UTF-16 code unit: anything outside the alphabet, wide characters included, is -1.
const SIXTETS = new Int8Array(65536).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => {
  SIXTETS[c.charCodeAt(0)] = i;
});
const EQUALS = 0x3d;

/**
 * A plain Uint8Array over bytes [start, end) of `bytes`: the package's `subarray` goes through
 * its Buffer constructor and `Object.setPrototypeOf` per call, which costs more than the work.
 */
function plainView(bytes: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start);
}

// Chromium's UTF-8 decoder has an ASCII fast path (its 'latin1', i.e. windows-1252, decoder is
// several times slower: measured, the largest cost of a replay). For ASCII bytes (base64, and
// nearly every byte of an export) UTF-8 and latin1 agree; a text with anything else in it is
// decoded again byte by byte.
const ASCII_DECODER = new TextDecoder('utf-8');
const NON_ASCII = /[^\x00-\x7f]/;

/** Bytes as latin1 text. */
function latin1Slice(this: Uint8Array, start: number, end: number): string {
  const fast = ASCII_DECODER.decode(plainView(this, start, end));
  if (!NON_ASCII.test(fast)) return fast;
  let text = '';
  for (let at = start; at < end; at += 8192) {
    text += String.fromCharCode.apply(null, plainView(this, at, Math.min(end, at + 8192)) as unknown as number[]);
  }
  return text;
}

/**
 * Standard base64 into the buffer at `offset`, at most `length` bytes; returns how many were
 * written. Like Node's, it writes fewer than the text promises when a character is outside the
 * alphabet (it stops there), which the core's canonical-spelling check relies on.
 */
function base64Write(this: Uint8Array, text: string, offset: number, length: number): number {
  if (SET_FROM_BASE64) return nativeBase64Write(this, text, offset, length);
  const limit = Math.min(this.length, offset + length);
  let out = offset;
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === EQUALS) end--;
  let i = 0;
  for (; i + 4 <= end; i += 4) {
    const a = SIXTETS[text.charCodeAt(i) ];
    const b = SIXTETS[text.charCodeAt(i + 1) ];
    const c = SIXTETS[text.charCodeAt(i + 2) ];
    const d = SIXTETS[text.charCodeAt(i + 3) ];
    if ((a | b | c | d) < 0 || out + 3 > limit) return out - offset;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    this[out++] = v >>> 16;
    this[out++] = (v >>> 8) & 0xff;
    this[out++] = v & 0xff;
  }
  const left = end - i;
  if (left >= 2) {
    const a = SIXTETS[text.charCodeAt(i) ];
    const b = SIXTETS[text.charCodeAt(i + 1) ];
    const c = left === 3 ? SIXTETS[text.charCodeAt(i + 2) ] : 0;
    if ((a | b | c) < 0 || out + left - 1 > limit) return out - offset;
    const v = (a << 18) | (b << 12) | (c << 6);
    this[out++] = v >>> 16;
    if (left === 3) this[out++] = (v >>> 8) & 0xff;
  }
  return out - offset;
}

type Base64Target = Uint8Array & {
  setFromBase64(text: string, options: { alphabet: 'base64'; lastChunkHandling: 'strict' }): { read: number; written: number };
};
const SET_FROM_BASE64 = typeof (Uint8Array.prototype as Partial<Base64Target>).setFromBase64 === 'function';

/**
 * The engine's own decoder (Chromium 140+). It skips ASCII white space, so a text holding some
 * writes fewer bytes than its length promises, as Node's does; anything else outside the
 * alphabet throws, and then nothing counts as written.
 */
function nativeBase64Write(target: Uint8Array, text: string, offset: number, length: number): number {
  const into = new Uint8Array(target.buffer, target.byteOffset + offset, Math.min(length, target.length - offset)) as Base64Target;
  try {
    return into.setFromBase64(text, { alphabet: 'base64', lastChunkHandling: 'strict' }).written;
  } catch {
    return 0;
  }
}

const proto = Buffer.prototype as unknown as Record<string, unknown>;
// The export is read through windows: `copy` is the package's checks and a species `subarray`.
proto.copy = function copy(this: Uint8Array, target: Uint8Array, targetStart = 0, start = 0, end = this.length): number {
  const count = Math.max(0, Math.min(end, this.length) - start, 0);
  const n = Math.min(count, target.length - targetStart);
  if (n <= 0) return 0;
  target.set(plainView(this, start, start + n), targetStart);
  return n;
};
proto.latin1Slice = latin1Slice;
proto.base64Write = base64Write;
// Views over a whole ArrayBuffer, made once per buffer (the file, a read window).
const WHOLE = new WeakMap<ArrayBufferLike, { bytes: Uint8Array; words: Int32Array }>();
function wholeOf(buffer: ArrayBufferLike): { bytes: Uint8Array; words: Int32Array } {
  let views = WHOLE.get(buffer);
  if (views === undefined) {
    views = { bytes: new Uint8Array(buffer), words: new Int32Array(buffer, 0, buffer.byteLength >> 2) };
    WHOLE.set(buffer, views);
  }
  return views;
}

/**
 * The first `byte` in bytes [from, end) of a buffer, or -1: four bytes a step (a word holds the
 * byte exactly when `x ^ pattern` has a zero byte), twice as fast as the engine's
 * `indexOf` on the export's long base64 strings (measured in Chromium).
 */
export function findByte(bytes: Uint8Array, words: Int32Array, from: number, end: number, byte: number): number {
  let i = from;
  for (; i < end && (i & 3) !== 0; i++) if (bytes[i] === byte) return i;
  const pattern = Math.imul(byte, 0x01010101);
  const lastWord = end >> 2;
  for (let w = i >> 2; w < lastWord; w++) {
    const x = words[w] ^ pattern;
    if (((x - 0x01010101) & ~x & 0x80808080) !== 0) {
      for (let j = w << 2; ; j++) if (bytes[j] === byte) return j;
    }
  }
  for (let j = Math.max(i, lastWord << 2); j < end; j++) if (bytes[j] === byte) return j;
  return -1;
}

// The export scanner looks for the next quote byte.
const packageIndexOf = Buffer.prototype.indexOf;
proto.indexOf = function indexOf(this: Uint8Array, value: unknown, from?: number, encoding?: string): number {
  if (typeof value === 'number') {
    if (typeof from !== 'number' || from < 0) return Uint8Array.prototype.indexOf.call(this, value & 0xff, from);
    if (from >= this.length) return -1;
    const { bytes, words } = wholeOf(this.buffer);
    const found = findByte(bytes, words, this.byteOffset + from, this.byteOffset + this.length, value & 0xff);
    return found < 0 ? -1 : found - this.byteOffset;
  }
  return (packageIndexOf as (v: unknown, f?: number, e?: string) => number).call(this, value, from, encoding);
};
(globalThis as unknown as { Buffer: typeof Buffer }).Buffer = Buffer;

export { Buffer };
