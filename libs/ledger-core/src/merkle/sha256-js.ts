/**
 * SHA-256 (FIPS 180-4) in plain JavaScript, writing each digest into a caller's buffer, for a
 * browser without WebAssembly SIMD (sha256-simd.ts) and for the browser's single nodes (a
 * border's): a WASM call's copying in and out of one short message costs more than the
 * compression it saves. Nothing is allocated per call.
 */
/** The round constants (FIPS 180-4 §4.2.2); the SIMD hasher (sha256-simd.ts) uses them too. */
export const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const W = new Int32Array(64);
const H = new Int32Array(8);
/** The last one or two blocks: the message's tail, 0x80, zeros and the bit length. */
const TAIL = new Uint8Array(128);

function compress(data: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++, at += 4) {
    W[i] = (data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3];
  }
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15];
    const w2 = W[i - 2];
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
  }
  let a = H[0];
  let b = H[1];
  let c = H[2];
  let d = H[3];
  let e = H[4];
  let f = H[5];
  let g = H[6];
  let h = H[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  H[0] = (H[0] + a) | 0;
  H[1] = (H[1] + b) | 0;
  H[2] = (H[2] + c) | 0;
  H[3] = (H[3] + d) | 0;
  H[4] = (H[4] + e) | 0;
  H[5] = (H[5] + f) | 0;
  H[6] = (H[6] + g) | 0;
  H[7] = (H[7] + h) | 0;
}

/** The padded length of a message of `length` bytes: 0x80, zeros, 64-bit big-endian bit length. */
export const paddedLength = (length: number) => (length + 9 + 63) & ~63;

/**
 * Pads a message's last `tailLength` bytes, which stand at `buffer[at]`, in place: 0x80, zeros,
 * then the whole message's `messageLength` in bits as a 64-bit big-endian number (messages here
 * stay far below 2^32 bytes). Only the bytes the padding does not write are zeroed. Returns the
 * padded tail's number of 64-byte blocks.
 */
export function writePadding(buffer: Uint8Array, at: number, tailLength: number, messageLength: number): number {
  const end = at + paddedLength(tailLength);
  buffer[at + tailLength] = 0x80;
  buffer.fill(0, at + tailLength + 1, end - 5);
  const bits = messageLength * 8;
  buffer[end - 5] = (bits / 0x100000000) & 0xff;
  buffer[end - 4] = (bits >>> 24) & 0xff;
  buffer[end - 3] = (bits >>> 16) & 0xff;
  buffer[end - 2] = (bits >>> 8) & 0xff;
  buffer[end - 1] = bits & 0xff;
  return (end - at) / 64;
}

/**
 * Writes SHA-256(`data`) into `out` at `offset`. A Buffer (any Uint8Array subclass) is read
 * through a plain Uint8Array view: with one kind of array `compress` stays monomorphic, several
 * times faster than when it sees Buffers and Uint8Arrays both (measured), and the view's
 * `subarray` avoids the `buffer` package's species constructor.
 */
export function sha256Into(input: Uint8Array, out: Uint8Array, offset: number): void {
  const data = input.constructor === Uint8Array ? input : new Uint8Array(input.buffer, input.byteOffset, input.length);
  H[0] = 0x6a09e667;
  H[1] = 0xbb67ae85 | 0;
  H[2] = 0x3c6ef372;
  H[3] = 0xa54ff53a | 0;
  H[4] = 0x510e527f;
  H[5] = 0x9b05688c | 0;
  H[6] = 0x1f83d9ab;
  H[7] = 0x5be0cd19;
  const length = data.length;
  const whole = length - (length % 64);
  for (let at = 0; at < whole; at += 64) compress(data, at);
  const rest = length - whole;
  // The tail by hand: no subarray, and only the bytes the padding leaves unwritten are zeroed.
  for (let i = 0; i < rest; i++) TAIL[i] = data[whole + i];
  const blocks = writePadding(TAIL, 0, rest, length);
  compress(TAIL, 0);
  if (blocks === 2) compress(TAIL, 64);
  for (let i = 0; i < 8; i++) {
    const v = H[i];
    out[offset + 4 * i] = v >>> 24;
    out[offset + 4 * i + 1] = (v >>> 16) & 0xff;
    out[offset + 4 * i + 2] = (v >>> 8) & 0xff;
    out[offset + 4 * i + 3] = v & 0xff;
  }
}

export function sha256(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  sha256Into(data, out, 0);
  return out;
}

/** The verifier core's `Sha256` interface (sha256.ts). */
export const JS_SHA256 = { digestInto: sha256Into };
