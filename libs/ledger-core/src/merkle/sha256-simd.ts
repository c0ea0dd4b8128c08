/**
 * SHA-256 of four messages at once in WebAssembly SIMD (one message per 32-bit lane of a
 * v128): the browser verifier's leaves, and every verifier's interior nodes. A browser offers
 * nothing synchronous but JavaScript (~4× slower than this) and WebCrypto (a promise and a thread
 * hop per digest: slower still for 100,000 leaves of ~0.7 KB). Node hashes a leaf faster with
 * SHA-NI in OpenSSL, but a 65-byte node costs `crypto.hash` ~0.45 µs of call overhead against
 * ~0.22 µs here (measured on Node 20). The module is assembled here, byte by byte (no toolchain
 * in the build), fully unrolled; it hashes messages already padded in its own memory
 * (`padInPlace`), each lane its own number of blocks.
 */

import { K, writePadding } from './sha256-js';
import type { Sha256 } from './sha256';

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

/**
 * A function's body: its locals, laid out after its `params` i32 parameters so that every
 * function numbers its locals as hash4 does (above), then its code.
 */
function functionBody(params: number, code: number[]): number[] {
  const locals = vec([
    [...uleb(ST - params), I32],
    [...uleb(T1 + 1 - ST), V128],
  ]);
  const body = locals.concat(code);
  return uleb(body.length).concat(body);
}

/** The module: `hash4` (12 i32 parameters), `nodes4` (3) and memory of `pages` pages, all exported. */
function wasmModule(pages: number, hash4: number[], nodes4: number[]): Uint8Array<ArrayBuffer> {
  const type = (params: number) => [0x60, ...vec(Array(params).fill([I32])), 0];
  return Uint8Array.from(
    [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00].concat(
      section(1, vec([type(12), type(3)])),
      section(3, vec([[0], [1]])),
      section(5, vec([[0x00, ...uleb(pages)]])),
      section(
        7,
        vec([
          [...name('memory'), 0x02, 0],
          [...name('hash4'), 0x00, 0],
          [...name('nodes4'), 0x00, 1],
        ]),
      ),
      section(10, vec([functionBody(12, hash4), functionBody(3, nodes4)])),
    ),
  );
}

/**
 * `hash4(p0..p3, b0..b3, o0..o3)`: lane j hashes `b_j` ≥ 1 padded blocks at `p_j` and writes
 * the 32-byte digest at `o_j`.
 */
function emitHash4(): number[] {
  const emitter = codeEmitter();
  emitSetup(emitter);
  emitter.emit([0x03, 0x40]); // loop
  emitBlockLoad(emitter);
  emitChainUpdate(emitter, emitRounds(emitter));
  emitter.emit([0x0b]); // end loop
  emitDigestStores(emitter);
  emitter.emit([0x0b]); // end function
  return emitter.code;
}

// nodes4's parameters (its other locals are hash4's, see `functionBody`).
const SRC = 0;
const GROUPS = 1;
const OUT = 2;

/** The chaining values += the working variables `names` (every lane in its block). */
function emitSum({ emit }: Emitter, names: number[]): void {
  for (let i = 0; i < 8; i++) emit(op.get(ST + i), op.get(names[i]), v.add, op.set(ST + i));
}

/** Schedule word `t` of the four lanes: the big-endian word at SRC + 64·j + `offset` in lane j. */
function emitLaneWords({ emit }: Emitter, t: number, offset: number): void {
  emit(op.get(SRC), op.load(offset), v.splatI32);
  for (let j = 1; j < 4; j++) emit(op.get(SRC), op.load(64 * j + offset), v.replace(j));
  emit(op.set(W + t), op.get(W + t), op.get(W + t), v.shuffle(BSWAP), op.set(W + t));
}

/**
 * `nodes4(src, groups, out)`: the RFC 9162 interior nodes SHA-256(0x01 ‖ pair) of `4 · groups`
 * (≥ 1) pairs of child hashes, 64 bytes each back to back from `src` (≥ 1), their digests back
 * to back from `out`. The two blocks of a node's input are read straight from the pairs, the
 * prefix and the padding put in by the code: nothing is copied or padded per node.
 */
function emitNodes4(): number[] {
  const emitter = codeEmitter();
  const { emit } = emitter;
  // SRC one byte back: a word of block 1 is then the one at SRC + 4t (its byte 0 is the prefix's place).
  emit(op.get(SRC), op.i32(1), op.sub, op.set(SRC));
  emit([0x03, 0x40]); // loop
  for (let i = 0; i < 8; i++) emit(splatConst(IV[i]), op.set(ST + i));
  // Block 1: 0x01 and the pair's first 63 bytes.
  for (let t = 0; t < 16; t++) emitLaneWords(emitter, t, 4 * t);
  emit(op.get(W), splatConst(0x00ffffff), v.and, splatConst(0x01000000), v.or, op.set(W));
  emitSum(emitter, emitRounds(emitter));
  // Block 2: the pair's last byte, 0x80, zeros, then the input's length: 65 bytes, 520 bits.
  emitLaneWords(emitter, 0, 64);
  emit(op.get(W), splatConst(0xff000000), v.and, splatConst(0x00800000), v.or, op.set(W));
  for (let t = 1; t < 15; t++) emit(splatConst(0), op.set(W + t));
  emit(splatConst(65 * 8), op.set(W + 15));
  emitSum(emitter, emitRounds(emitter));
  for (let i = 0; i < 8; i++) {
    emit(op.get(ST + i), op.get(ST + i), v.shuffle(BSWAP), op.set(ST + i));
    for (let j = 0; j < 4; j++) emit(op.get(OUT), op.get(ST + i), v.extract(j), op.store(32 * j + 4 * i));
  }
  // The next four pairs, while groups remain.
  emit(op.get(SRC), op.i32(256), op.add, op.set(SRC));
  emit(op.get(OUT), op.i32(128), op.add, op.set(OUT));
  emit(op.get(GROUPS), op.i32(1), op.sub, op.set(GROUPS), op.get(GROUPS), [0x0d, 0]); // br_if loop
  emit([0x0b]); // end loop
  emit([0x0b]); // end function
  return emitter.code;
}

function assemble(pages: number): Uint8Array<ArrayBuffer> {
  return wasmModule(pages, emitHash4(), emitNodes4());
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
  /** `nodes4` (see `emitNodes4`). */
  nodes4(src: number, groups: number, out: number): void;
}

/** What this module uses of the WebAssembly API (which the libraries' Node typings leave out). */
interface WebAssemblyApi {
  validate(binary: Uint8Array): boolean;
  Module: new (binary: Uint8Array) => object;
  Instance: new (module: object, imports: object) => {
    exports: { memory: { buffer: ArrayBuffer }; hash4: Sha256x4['hash4']; nodes4: Sha256x4['nodes4'] };
  };
}

/** Undefined where WebAssembly SIMD is missing (the caller then hashes in JavaScript). */
export function createSha256x4(bytes: number): Sha256x4 | undefined {
  const wasm = (globalThis as unknown as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  const binary = assemble(Math.ceil(bytes / 65536));
  if (wasm === undefined || !wasm.validate(binary)) return undefined;
  const { exports } = new wasm.Instance(new wasm.Module(binary), {});
  return { memory: new Uint8Array(exports.memory.buffer), hash4: exports.hash4, nodes4: exports.nodes4 };
}

/** Interior nodes hashed per call of `nodes4` by `simdNodeDigests`. */
const NODE_BATCH = 1024;
/** Before the pairs: `nodes4` reads a byte before its first (masked out). */
const PAIRS_AT = 64;
const PAIR_BYTES = 64;

/**
 * Module memory `simdNodeDigests` uses from its `at`: a batch's pairs, then their digests
 * (each with room for a last group's three spare lanes).
 */
export const SIMD_NODE_BYTES = PAIRS_AT + (PAIR_BYTES + 32) * (NODE_BATCH + 3);

/**
 * `Sha256.digestPairs` in SIMD (`nodes4`), in `simd`'s memory from `at` (`SIMD_NODE_BYTES`
 * of it): the pairs copied in and the digests out `NODE_BATCH` at a time, in one copy each.
 */
export function simdNodeDigests(simd: Sha256x4, at: number): NonNullable<Sha256['digestPairs']> {
  const memory = simd.memory;
  const pairsAt = at + PAIRS_AT;
  const digestsAt = pairsAt + PAIR_BYTES * (NODE_BATCH + 3);
  return (hashes: Uint8Array, from: number, count: number, out: Uint8Array, outAt: number) => {
    for (let done = 0; done < count; done += NODE_BATCH) {
      const n = Math.min(NODE_BATCH, count - done);
      const start = from + PAIR_BYTES * done;
      memory.set(hashes.subarray(start, start + PAIR_BYTES * n), pairsAt);
      // A last group's spare lanes hash whatever follows the pairs; their digests are not copied out.
      simd.nodes4(pairsAt, Math.ceil(n / 4), digestsAt);
      out.set(memory.subarray(digestsAt, digestsAt + 32 * n), outAt + 32 * done);
    }
  };
}

let shared: Sha256['digestPairs'] | null = null;

/**
 * `simdNodeDigests` in a module of its own, made once per thread (assembling and compiling it
 * takes ~15 ms; it is synchronous, so callers never interleave); undefined where WebAssembly
 * SIMD is missing.
 */
export function sharedSimdNodeDigests(): Sha256['digestPairs'] {
  if (shared === null) {
    const simd = createSha256x4(SIMD_NODE_BYTES);
    shared = simd && simdNodeDigests(simd, 0);
  }
  return shared;
}
