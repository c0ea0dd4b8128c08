/**
 * Standard, padded base64 and nothing else. Node's own decoder skips junk and accepts
 * unpadded or URL-safe input; for signed and hashed data, two spellings of one value would
 * let a note or an export change while still "decoding to the same bytes". Node always
 * encodes the one canonical spelling, so a text that survives the round trip unchanged is
 * exactly that spelling (no pattern check needed: the verifier decodes millions of these).
 */
export function decodeBase64Strict(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SIXTETS = new Int8Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) SIXTETS[ALPHABET.charCodeAt(i)] = i;
const EQUALS = 0x3d;

/**
 * Buffer's own base64 writer, without `write`'s argument sorting (a measurable share of the
 * verifier's loop); `write` where a runtime lacks it.
 */
type Base64Writer = (target: Buffer, text: string, offset: number) => number;
const base64Write: Base64Writer =
  typeof (Buffer.prototype as unknown as Record<string, unknown>).base64Write === 'function'
    ? (target, text, offset) =>
        (target as unknown as { base64Write(t: string, o: number, l: number): number }).base64Write(
          text,
          offset,
          target.length - offset,
        )
    : (target, text, offset) => target.write(text, offset, 'base64');

/**
 * As `decodeBase64Strict`, writing the bytes into `target` at `offset` instead of allocating:
 * returns how many, or -1 when `text` is not the canonical spelling (or `target` is too small).
 */
export function decodeBase64StrictInto(text: string, target: Buffer, offset: number): number {
  if (text.indexOf('-') !== -1 || text.indexOf('_') !== -1) return -1;
  return decodeStandardBase64Into(text, target, offset);
}

/**
 * `decodeBase64StrictInto` for a text known to hold no '-' or '_' (the verifier's hot loop
 * looks for them once per many entries: `ByteCursor.nextBase64Text`). It checks canonicity
 * without encoding the bytes back: Node's decoder skips or stops at any character outside the
 * two alphabets, so it writes fewer bytes than the length and padding promise exactly when such
 * a character is there; what is left is non-zero bits under the padding.
 */
export function decodeStandardBase64Into(text: string, target: Buffer, offset: number): number {
  const length = text.length;
  if (length % 4 !== 0) return -1;
  const pads =
    length === 0 || text.charCodeAt(length - 1) !== EQUALS ? 0 : text.charCodeAt(length - 2) === EQUALS ? 2 : 1;
  const expected = (length / 4) * 3 - pads;
  if (target.length - offset < expected) return -1;
  if (base64Write(target, text, offset) !== expected) return -1;
  if (pads > 0) {
    // The last data character carries 2 (one pad) or 4 (two pads) bits that encode nothing.
    const last = SIXTETS[text.charCodeAt(length - pads - 1) & 0x7f];
    if ((last & (pads === 1 ? 0x03 : 0x0f)) !== 0) return -1;
  }
  return expected;
}

/** Two base64 characters for each 12 bits, the first in the low byte. */
const CHARACTER_PAIRS = new Uint16Array(4096);
for (let v = 0; v < 4096; v++) CHARACTER_PAIRS[v] = ALPHABET.charCodeAt(v >> 6) | (ALPHABET.charCodeAt(v & 63) << 8);

/**
 * The canonical base64 spelling of the 32 bytes `hash[from, from + 32)` (44 characters, one
 * pad) as latin1 bytes into `out` at `at`: what Node's encoder writes, without a string per hash.
 */
export function encodeBase64HashInto(hash: Uint8Array, from: number, out: Uint8Array, at: number): void {
  let o = at;
  for (let p = from; p < from + 30; p += 3, o += 4) {
    const v = (hash[p] << 16) | (hash[p + 1] << 8) | hash[p + 2];
    const high = CHARACTER_PAIRS[v >>> 12];
    const low = CHARACTER_PAIRS[v & 0xfff];
    out[o] = high & 0xff;
    out[o + 1] = high >>> 8;
    out[o + 2] = low & 0xff;
    out[o + 3] = low >>> 8;
  }
  const v = (hash[from + 30] << 16) | (hash[from + 31] << 8);
  const high = CHARACTER_PAIRS[v >>> 12];
  out[o] = high & 0xff;
  out[o + 1] = high >>> 8;
  out[o + 2] = ALPHABET.charCodeAt((v >>> 6) & 63);
  out[o + 3] = EQUALS;
}

/**
 * Standard padded base64 in `src[start, end)` into `out` at `at`, only when it is the one
 * canonical spelling (`decodeBase64StrictInto`'s rule: length a multiple of 4, at most two
 * pads and only at the end, no bits under the padding); -1 otherwise. Straight from bytes: no
 * string is made (a browser's per-entry string cost more than its hashing).
 */
export function decodeBase64Bytes(src: Uint8Array, start: number, end: number, out: Uint8Array, at: number): number {
  const length = end - start;
  if (length % 4 !== 0) return -1;
  if (length === 0) return 0;
  const pads = src[end - 1] !== EQUALS ? 0 : src[end - 2] === EQUALS ? 2 : 1;
  const whole = pads === 0 ? end : end - 4;
  let o = at;
  for (let p = start; p < whole; p += 4) {
    const a = SIXTETS[src[p]];
    const b = SIXTETS[src[p + 1]];
    const c = SIXTETS[src[p + 2]];
    const d = SIXTETS[src[p + 3]];
    if ((a | b | c | d) < 0) return -1;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o] = v >>> 16;
    out[o + 1] = (v >>> 8) & 0xff;
    out[o + 2] = v & 0xff;
    o += 3;
  }
  if (pads === 1) {
    const a = SIXTETS[src[whole]];
    const b = SIXTETS[src[whole + 1]];
    const c = SIXTETS[src[whole + 2]];
    if ((a | b | c) < 0 || (c & 0x03) !== 0) return -1;
    const v = (a << 18) | (b << 12) | (c << 6);
    out[o] = v >>> 16;
    out[o + 1] = (v >>> 8) & 0xff;
    o += 2;
  } else if (pads === 2) {
    const a = SIXTETS[src[whole]];
    const b = SIXTETS[src[whole + 1]];
    if ((a | b) < 0 || (b & 0x0f) !== 0) return -1;
    out[o] = ((a << 18) | (b << 12)) >>> 16;
    o += 1;
  }
  return o - at;
}
