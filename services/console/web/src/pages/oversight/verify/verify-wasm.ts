/**
 * SHA-256 of four messages at once in WebAssembly SIMD (one message per 32-bit lane of a
 * v128), for the browser verifier's leaf hashing. Node hashes with SHA-NI in OpenSSL; a browser
 * offers nothing synchronous but JavaScript (~4× slower than this) and WebCrypto (a promise and
 * a thread hop per digest: slower still for 100,000 leaves of ~0.7 KB). The module is assembled
 * here, byte by byte (no toolchain in the build), fully unrolled; it hashes messages already
 * padded in its own memory (`padInPlace`), each lane its own number of blocks.
 */

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (text: string): number[] => vec([...new TextEncoder().encode(text)].map((b) => [b]));
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  i32: (n: number) => [0x41, ...sleb(n | 0)],
  add: [0x6a],
  sub: [0x6b],
  geU: [0x4f],
  select: [0x1b],
  shl: [0x74],
  load: (offset: number) => [0x28, 2, ...uleb(offset)],
  store: (offset: number) => [0x36, 2, ...uleb(offset)],
  simd: (code: number, ...rest: number[]) => [0xfd, ...uleb(code), ...rest],
};
const v = {
  splatI32: op.simd(0x11),
  replace: (lane: number) => op.simd(0x1c, lane),
  extract: (lane: number) => op.simd(0x1b, lane),
  shuffle: (lanes: number[]) => op.simd(0x0d, ...lanes),
  and: op.simd(0x4e),
  or: op.simd(0x50),
  xor: op.simd(0x51),
  bitselect: op.simd(0x52),
  shl: op.simd(0xab),
  shrU: op.simd(0xad),
  add: op.simd(0xae),
  ltU: op.simd(0x3a),
};
/** A v128 with all four lanes `n`. */
const splatConst = (n: number): number[] => {
  const bytes = [0, 8, 16, 24].map((s) => (n >>> s) & 0xff);
  return op.simd(0x0c, ...bytes, ...bytes, ...bytes, ...bytes);
};
const BSWAP = [3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12];

/**
 * `hash4(p0..p3, b0..b3, o0..o3)`: lane j hashes `b_j` ≥ 1 padded blocks at `p_j` and writes
 * the 32-byte digest at `o_j`.
 */
function hash4Body(): number[] {
  // Locals: params 0–11; i32 12 blk, 13 max, 14–17 lane bases; v128 from 18.
  const P = 0;
  const B = 4;
  const O = 8;
  const BLK = 12;
  const MAX = 13;
  const BASE = 14;
  const ST = 18; // 8 chaining values
  const WK = 26; // 8 working variables
  const W = 34; // 16 schedule words
  const MASK = 50;
  const BVEC = 51;
  const code: number[] = [];
  const emit = (...parts: number[][]) => parts.forEach((p) => code.push(...p));
  const rotr = (local: number, n: number) => [
    ...op.get(local),
    ...op.i32(n),
    ...v.shrU,
    ...op.get(local),
    ...op.i32(32 - n),
    ...v.shl,
    ...v.or,
  ];
  const shr = (local: number, n: number) => [...op.get(local), ...op.i32(n), ...v.shrU];
  const sigma = (local: number, a: number, b: number, c: number, lastIsShift: boolean) => [
    ...rotr(local, a),
    ...rotr(local, b),
    ...v.xor,
    ...(lastIsShift ? shr(local, c) : rotr(local, c)),
    ...v.xor,
  ];

  // The lanes' block counts as a vector, and the largest.
  emit(op.get(B), v.splatI32);
  for (let j = 1; j < 4; j++) emit(op.get(B + j), v.replace(j));
  emit(op.set(BVEC));
  emit(op.get(B), op.set(MAX));
  for (let j = 1; j < 4; j++) {
    // max = b_j ≥ max ? b_j : max
    emit(op.get(B + j), op.get(MAX), op.get(B + j), op.get(MAX), op.geU, op.select, op.set(MAX));
  }
  for (let i = 0; i < 8; i++) emit(splatConst(IV[i]), op.set(ST + i));
  emit(op.i32(0), op.set(BLK));
  emit([0x03, 0x40]); // loop
  // Each lane reads its own block, or its last one again once done (its result is then discarded).
  for (let j = 0; j < 4; j++) {
    // base_j = p_j + 64 · (blk < b_j ? blk : b_j − 1)
    emit(op.get(P + j), op.get(BLK), op.get(B + j), op.i32(1), op.sub, op.get(BLK), op.get(B + j), [0x49], op.select);
    emit(op.i32(6), op.shl, op.add, op.set(BASE + j));
  }
  for (let t = 0; t < 16; t++) {
    emit(op.get(BASE), op.load(4 * t), v.splatI32);
    for (let j = 1; j < 4; j++) emit(op.get(BASE + j), op.load(4 * t), v.replace(j));
    // Big-endian words: i8x16.shuffle of the vector with itself reverses each lane's bytes.
    emit(op.set(W + t), op.get(W + t), op.get(W + t), v.shuffle(BSWAP), op.set(W + t));
  }
  for (let i = 0; i < 8; i++) emit(op.get(ST + i), op.set(WK + i));
  // Working variables by name → local; renamed each round instead of moved.
  let [a, b, c, d, e, f, g, h] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => WK + i);
  const T1 = 52;
  for (let t = 0; t < 64; t++) {
    const w = W + (t & 15);
    if (t >= 16) {
      emit(
        sigma(W + ((t - 2) & 15), 17, 19, 10, true),
        op.get(W + ((t - 7) & 15)),
        v.add,
        sigma(W + ((t - 15) & 15), 7, 18, 3, true),
        v.add,
        op.get(w),
        v.add,
        op.set(w),
      );
    }
    // T1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t]
    emit(op.get(h), sigma(e, 6, 11, 25, false), v.add);
    emit(op.get(f), op.get(g), op.get(e), v.bitselect, v.add);
    emit(splatConst(K[t]), v.add, op.get(w), v.add, op.set(T1));
    // d += T1 (the new e); h = T1 + Σ0(a) + Maj(a, b, c) (the new a)
    emit(op.get(d), op.get(T1), v.add, op.set(d));
    emit(op.get(T1), sigma(a, 2, 13, 22, false), v.add);
    emit(op.get(b), op.get(a), op.get(a), op.get(c), v.xor, v.bitselect, v.add, op.set(h));
    [a, b, c, d, e, f, g, h] = [h, a, b, c, d, e, f, g];
  }
  // Lanes still in their blocks take the sum; the others keep their chaining value.
  emit(op.get(BLK), v.splatI32, op.get(BVEC), v.ltU, op.set(MASK));
  const names = [a, b, c, d, e, f, g, h];
  for (let i = 0; i < 8; i++) {
    emit(op.get(ST + i), op.get(names[i]), v.add, op.get(ST + i), op.get(MASK), v.bitselect, op.set(ST + i));
  }
  // blk++ ; continue while blk < max
  emit(op.get(BLK), op.i32(1), op.add, op.set(BLK), op.get(BLK), op.get(MAX), [0x49], [0x0d, 0]);
  emit([0x0b]); // end loop
  for (let i = 0; i < 8; i++) {
    emit(op.get(ST + i), op.get(ST + i), v.shuffle(BSWAP), op.set(ST + i));
    for (let j = 0; j < 4; j++) emit(op.get(O + j), op.get(ST + i), v.extract(j), op.store(4 * i));
  }
  emit([0x0b]); // end function

  const locals = vec([
    [...uleb(6), I32],
    [...uleb(T1 + 1 - ST), V128],
  ]);
  return [...locals, ...code];
}

/**
 * `find(from, end, byte)`: the address of the first `byte` in [from, end), or -1; sixteen bytes
 * a step (i8x16.eq and its bitmask), the last few one at a time. The JSON scan's string search.
 */
function findBody(): number[] {
  const [FROM, END, BYTE, NEEDLE, MASKBITS] = [0, 1, 2, 3, 4];
  return [
    ...vec([
      [1, V128],
      [1, I32],
    ]),
    ...op.get(BYTE), ...op.simd(0x0f), ...op.set(NEEDLE), // i8x16.splat
    0x02, 0x40, 0x03, 0x40, // block, loop
    ...op.get(FROM), ...op.i32(16), ...op.add, ...op.get(END), 0x4b, 0x0d, 1, // from + 16 > end → out
    ...op.get(FROM), ...op.simd(0x00, 0, 0), ...op.get(NEEDLE), ...op.simd(0x23), ...op.simd(0x64), // v128.load, i8x16.eq, bitmask
    ...op.set(MASKBITS),
    ...op.get(MASKBITS), 0x04, 0x40, ...op.get(FROM), ...op.get(MASKBITS), 0x68, ...op.add, 0x0f, 0x0b, // if: return from + ctz
    ...op.get(FROM), ...op.i32(16), ...op.add, ...op.set(FROM),
    0x0c, 0, 0x0b, 0x0b, // br loop; end loop; end block
    0x02, 0x40, 0x03, 0x40,
    ...op.get(FROM), ...op.get(END), ...op.geU, 0x0d, 1,
    ...op.get(FROM), 0x2d, 0, 0, ...op.get(BYTE), 0x46, 0x04, 0x40, ...op.get(FROM), 0x0f, 0x0b, // load8_u == byte: return
    ...op.get(FROM), ...op.i32(1), ...op.add, ...op.set(FROM),
    0x0c, 0, 0x0b, 0x0b,
    ...op.i32(-1),
    0x0b,
  ];
}

/** Where `b64quads` finds its table: the sextet of each byte value, -1 outside the alphabet. */
export const SIXTETS_AT = 0;

/**
 * `b64quads(src, end, dst)`: decodes whole groups of four base64 characters [src, end) to dst;
 * 0, or -1 at a character outside the standard alphabet (the caller handles the padded last group).
 */
function b64Body(): number[] {
  const [SRC, END, DST, X, V] = [0, 1, 2, 3, 4];
  const sextet = (shift: number) => [...op.get(X), ...op.i32(shift), 0x76, ...op.i32(0xff), 0x71, 0x2c, 0, ...uleb(SIXTETS_AT)];
  return [
    ...vec([[2, I32]]),
    0x02, 0x40, 0x03, 0x40,
    ...op.get(SRC), ...op.get(END), ...op.geU, 0x0d, 1,
    ...op.get(SRC), ...op.load(0), ...op.set(X),
    // v = a<<18 | b<<12 | c<<6 | d, each a load8_s from the table (-1 makes v negative: checked below)
    ...sextet(0), ...op.i32(18), ...op.shl,
    ...sextet(8), ...op.i32(12), ...op.shl, 0x72,
    ...sextet(16), ...op.i32(6), ...op.shl, 0x72,
    ...sextet(24), 0x72,
    ...op.set(V),
    // Any -1 sets bit 31 (a's shifted sign) or, for b–d, bits above 23: v ≥ 2^24 means junk.
    ...op.get(V), ...op.i32(0x1000000), ...op.geU, 0x04, 0x40, ...op.i32(-1), 0x0f, 0x0b,
    ...op.get(DST), ...op.get(V), ...op.i32(16), 0x76, 0x3a, 0, 0,
    ...op.get(DST), ...op.get(V), ...op.i32(8), 0x76, 0x3a, 0, 1,
    ...op.get(DST), ...op.get(V), 0x3a, 0, 2,
    ...op.get(SRC), ...op.i32(4), ...op.add, ...op.set(SRC),
    ...op.get(DST), ...op.i32(3), ...op.add, ...op.set(DST),
    0x0c, 0, 0x0b, 0x0b,
    ...op.i32(0),
    0x0b,
  ];
}

function assemble(pages: number): Uint8Array<ArrayBuffer> {
  const hash4Type = [0x60, ...vec(Array(12).fill([I32])), 0];
  const threeToOne = [0x60, ...vec([[I32], [I32], [I32]]), ...vec([[I32]])];
  const bodies = [hash4Body(), findBody(), b64Body()];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([hash4Type, threeToOne])),
    ...section(3, vec([[0], [1], [1]])),
    ...section(5, vec([[0x00, ...uleb(pages)]])),
    ...section(7, vec([
      [...name('memory'), 0x02, 0],
      [...name('hash4'), 0x00, 0],
      [...name('find'), 0x00, 1],
      [...name('b64quads'), 0x00, 2],
    ])),
    ...section(10, vec(bodies.map((body) => [...uleb(body.length), ...body]))),
  ]);
}

/** The padded length of a message of `length` bytes: 0x80, zeros, 64-bit big-endian bit length. */
export const paddedLength = (length: number) => (length + 9 + 63) & ~63;
/** Bytes a message needs after itself to be padded in place. */
export const PAD_SLACK = 72;

/** Pads the message at `memory[at, at + length)` in place; returns its number of blocks. */
export function padInPlace(memory: Uint8Array, at: number, length: number): number {
  const end = at + paddedLength(length);
  memory[at + length] = 0x80;
  memory.fill(0, at + length + 1, end - 5);
  const bits = length * 8;
  memory[end - 5] = (bits / 0x100000000) & 0xff;
  memory[end - 4] = (bits >>> 24) & 0xff;
  memory[end - 3] = (bits >>> 16) & 0xff;
  memory[end - 2] = (bits >>> 8) & 0xff;
  memory[end - 1] = bits & 0xff;
  return (end - at) / 64;
}

export interface VerifyWasm {
  /** The module's memory (fixed size: it never grows, so views on it stay valid). */
  readonly memory: Uint8Array;
  find(from: number, end: number, byte: number): number;
  b64quads(src: number, end: number, dst: number): number;
  hash4(
    p0: number, p1: number, p2: number, p3: number,
    b0: number, b1: number, b2: number, b3: number,
    o0: number, o1: number, o2: number, o3: number,
  ): void;
}

/**
 * The module with at least `bytes` of memory, the base64 table at SIXTETS_AT (the first 256
 * bytes are the module's); undefined where WebAssembly SIMD is missing (the caller then works
 * in JavaScript).
 */
export function createVerifyWasm(bytes: number): VerifyWasm | undefined {
  const binary = assemble(Math.ceil(bytes / 65536));
  if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(binary)) return undefined;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(binary), {});
  const exports = instance.exports as unknown as Omit<VerifyWasm, 'memory'> & { memory: WebAssembly.Memory };
  const memory = new Uint8Array(exports.memory.buffer);
  memory.fill(0xff, SIXTETS_AT, SIXTETS_AT + 256);
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
    .split('')
    .forEach((c, i) => (memory[SIXTETS_AT + c.charCodeAt(0)] = i));
  return { memory, hash4: exports.hash4, find: exports.find, b64quads: exports.b64quads };
}
