/**
 * SHA-256 of four messages at once in WebAssembly SIMD (one message per 32-bit lane of a
 * v128), for the browser verifier's leaves and interior nodes. Node hashes with SHA-NI in OpenSSL; a browser
 * offers nothing synchronous but JavaScript (~4× slower than this) and WebCrypto (a promise and
 * a thread hop per digest: slower still for 100,000 leaves of ~0.7 KB). The module is assembled
 * here, byte by byte (no toolchain in the build), fully unrolled; it hashes messages already
 * padded in its own memory (`padInPlace`), each lane its own number of blocks.
 */

import { K, writePadding } from './sha256';

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
const vec = (items: number[][]): number[] => uleb(items.length).concat(...items);
const name = (text: string): number[] => vec([...new TextEncoder().encode(text)].map((b) => [b]));
const section = (id: number, body: number[]): number[] => [id].concat(uleb(body.length), body);

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

// Locals: params 0–11 (p, b, o); i32 12 blk, 13 max, 14–17 lane bases; v128 from 18.
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
const T1 = 52;

/** The function's code as it is emitted, with the σ/Σ expressions it repeats built once each. */
function codeEmitter() {
  const code: number[] = [];
  // Built with `concat` and plain pushes, not spreads: this runs once per verification in a
  // fresh worker, cold, where spreading ~10,000 small arrays took ~100 ms (measured).
  const emit = (...parts: number[][]) => {
    for (const part of parts) for (let i = 0; i < part.length; i++) code.push(part[i]);
  };
  const rotr = (local: number, n: number) =>
    op.get(local).concat(op.i32(n), v.shrU, op.get(local), op.i32(32 - n), v.shl, v.or);
  const shr = (local: number, n: number) => op.get(local).concat(op.i32(n), v.shrU);
  // 48 distinct ones among 224 uses (a local and its four shift counts): each built once.
  const sigmas = new Map<number, number[]>();
  const sigma = (local: number, a: number, b: number, c: number, lastIsShift: boolean) => {
    const key = (local << 8) | a;
    let bytes = sigmas.get(key);
    if (bytes === undefined) {
      bytes = rotr(local, a).concat(rotr(local, b), v.xor, lastIsShift ? shr(local, c) : rotr(local, c), v.xor);
      sigmas.set(key, bytes);
    }
    return bytes;
  };
  return { code, emit, sigma };
}

type Emitter = ReturnType<typeof codeEmitter>;

/** The lanes' block counts as a vector, and the largest; the chaining values at the IV; blk = 0. */
function emitSetup({ emit }: Emitter): void {
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
}

/** Each lane reads its own block, or its last one again once done (its result is then discarded). */
function emitBlockLoad({ emit }: Emitter): void {
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
}

/** The 64 rounds on one block; returns the locals that end up holding a..h. */
function emitRounds({ emit, sigma }: Emitter): number[] {
  for (let i = 0; i < 8; i++) emit(op.get(ST + i), op.set(WK + i));
  // Working variables by name → local; renamed each round instead of moved.
  let [a, b, c, d, e, f, g, h] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => WK + i);
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
  return [a, b, c, d, e, f, g, h];
}

/** Lanes still in their blocks take the sum; the others keep their chaining value. Then blk++. */
function emitChainUpdate({ emit }: Emitter, names: number[]): void {
  emit(op.get(BLK), v.splatI32, op.get(BVEC), v.ltU, op.set(MASK));
  for (let i = 0; i < 8; i++) {
    emit(op.get(ST + i), op.get(names[i]), v.add, op.get(ST + i), op.get(MASK), v.bitselect, op.set(ST + i));
  }
  // blk++ ; continue while blk < max
  emit(op.get(BLK), op.i32(1), op.add, op.set(BLK), op.get(BLK), op.get(MAX), [0x49], [0x0d, 0]);
}

/** Each lane's digest, big-endian, at its `o_j`. */
function emitDigestStores({ emit }: Emitter): void {
  for (let i = 0; i < 8; i++) {
    emit(op.get(ST + i), op.get(ST + i), v.shuffle(BSWAP), op.set(ST + i));
    for (let j = 0; j < 4; j++) emit(op.get(O + j), op.get(ST + i), v.extract(j), op.store(4 * i));
  }
}

/** The module around the function's code: its type, memory of `pages` pages, exports. */
function wasmModule(pages: number, code: number[]): Uint8Array<ArrayBuffer> {
  const type = [0x60, ...vec(Array(12).fill([I32])), 0];
  const locals = vec([
    [...uleb(6), I32],
    [...uleb(T1 + 1 - ST), V128],
  ]);
  const body = locals.concat(code);
  return Uint8Array.from(
    [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00].concat(
      section(1, vec([type])),
      section(3, vec([[0]])),
      section(5, vec([[0x00, ...uleb(pages)]])),
      section(
        7,
        vec([
          [...name('memory'), 0x02, 0],
          [...name('hash4'), 0x00, 0],
        ]),
      ),
      section(10, vec([uleb(body.length).concat(body)])),
    ),
  );
}

/**
 * `hash4(p0..p3, b0..b3, o0..o3)`: lane j hashes `b_j` ≥ 1 padded blocks at `p_j` and writes
 * the 32-byte digest at `o_j`.
 */
function assemble(pages: number): Uint8Array<ArrayBuffer> {
  const emitter = codeEmitter();
  emitSetup(emitter);
  emitter.emit([0x03, 0x40]); // loop
  emitBlockLoad(emitter);
  emitChainUpdate(emitter, emitRounds(emitter));
  emitter.emit([0x0b]); // end loop
  emitDigestStores(emitter);
  emitter.emit([0x0b]); // end function
  return wasmModule(pages, emitter.code);
}

/** Bytes a message needs after itself to be padded in place. */
export const PAD_SLACK = 72;

/** Pads the message at `memory[at, at + length)` in place; returns its number of blocks. */
export function padInPlace(memory: Uint8Array, at: number, length: number): number {
  return writePadding(memory, at, length, length);
}

export interface Sha256x4 {
  /** The module's memory (fixed size: it never grows, so views on it stay valid). */
  readonly memory: Uint8Array;
  hash4(
    p0: number,
    p1: number,
    p2: number,
    p3: number,
    b0: number,
    b1: number,
    b2: number,
    b3: number,
    o0: number,
    o1: number,
    o2: number,
    o3: number,
  ): void;
}

/** Undefined where WebAssembly SIMD is missing (the caller then hashes in JavaScript). */
export function createSha256x4(bytes: number): Sha256x4 | undefined {
  const pages = Math.ceil(bytes / 65536);
  const binary = assemble(pages);
  if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(binary)) return undefined;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(binary), {});
  const exports = instance.exports as unknown as { memory: WebAssembly.Memory; hash4: Sha256x4['hash4'] };
  return { memory: new Uint8Array(exports.memory.buffer), hash4: exports.hash4 };
}
