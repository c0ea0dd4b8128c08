/**
 * The browser's `LeafBatch` (libs/ledger-core/src/verify/leaf-batch.ts): entries decoded from
 * the file's bytes straight into WebAssembly memory (no string per entry: building one cost
 * more than the hashing), padded there and hashed four at a time in SIMD (verify-wasm.ts);
 * interior nodes, 65 bytes each, in JavaScript. Without WebAssembly SIMD, everything is hashed
 * in JavaScript.
 */
import type { LeafBatch } from '../../../../../../../libs/ledger-core/src/verify/leaf-batch';
import { JS_SHA256 } from './sha256';
import { createVerifyWasm, PAD_SLACK, padInPlace } from './verify-wasm';

const ARENA_BYTES = 2 << 20;
const MAX_LEAVES = 1024;

const SIXTETS = new Int8Array(256).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  .split('')
  .forEach((c, i) => (SIXTETS[c.charCodeAt(0)] = i));
const EQUALS = 0x3d;

/**
 * Standard padded base64 in `src[start, end)` into `out` at `at`, only when it is the one
 * canonical spelling (`decodeBase64StrictInto`'s rule: length a multiple of 4, at most two
 * pads and only at the end, no bits under the padding); -1 otherwise. `src` and `out` are
 * plain Uint8Arrays, so the loop sees one kind of array.
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

/** A plain Uint8Array over the same bytes (the `buffer` package's Buffer is a subclass). */
function plain(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** JavaScript hashing of each leaf, for a browser without WebAssembly SIMD (and the tests' reference). */
export function jsLeafBatch(maxLeaves = MAX_LEAVES, arenaBytes = ARENA_BYTES): LeafBatch {
  return leafBatch(new Uint8Array(arenaBytes), new Uint8Array(32 * maxLeaves), maxLeaves, 0, (arena, digests, offsets, lengths, count) => {
    for (let k = 0; k < count; k++) JS_SHA256.digestInto(arena.subarray(offsets[k], offsets[k] + lengths[k]), digests, 32 * k);
  });
}

export interface BrowserBatch {
  readonly batch: LeafBatch;
  /** Where the file's bytes go (in the module's memory, where its search and base64 read them in place). */
  readonly file: Uint8Array;
  /** The first `byte` in `file[from, end)`, or -1. */
  readonly find?: (from: number, end: number, byte: number) => number;
}

/** The WebAssembly batch with room for a file of `fileBytes`, or `jsLeafBatch` where SIMD is missing. */
export function browserLeafBatch(fileBytes: number, maxLeaves = MAX_LEAVES, arenaBytes = ARENA_BYTES): BrowserBatch {
  // Memory: the module's table, the arena, the digests, 32 bytes where a group's unused lanes
  // write, then the file.
  const arenaAt = 1024;
  const digestsAt = arenaAt + arenaBytes;
  const spareAt = digestsAt + 32 * maxLeaves;
  const fileAt = spareAt + 64;
  const wasm = createVerifyWasm(fileAt + fileBytes + 64);
  if (wasm === undefined) return { batch: jsLeafBatch(maxLeaves, arenaBytes), file: new Uint8Array(fileBytes) };
  const { buffer } = wasm.memory;
  const arena = new Uint8Array(buffer, arenaAt, arenaBytes);
  const digests = new Uint8Array(buffer, digestsAt, 32 * maxLeaves);
  const file = new Uint8Array(buffer, fileAt, fileBytes);
  const blocks = new Uint32Array(maxLeaves);
  const lane = new Uint32Array(4);
  const out = new Uint32Array(4);
  const batch = leafBatch(arena, digests, maxLeaves, PAD_SLACK, (_arena, _digests, offsets, lengths, count) => {
    for (let k = 0; k < count; k++) blocks[k] = padInPlace(arena, offsets[k], lengths[k]);
    for (let k = 0; k < count; k += 4) {
      // A last group of one to three: the missing lanes hash the last leaf again into the spare slot.
      for (let j = 0; j < 4; j++) {
        lane[j] = k + j < count ? k + j : count - 1;
        out[j] = k + j < count ? digestsAt + 32 * (k + j) : spareAt;
      }
      wasm.hash4(
        arenaAt + offsets[lane[0]], arenaAt + offsets[lane[1]], arenaAt + offsets[lane[2]], arenaAt + offsets[lane[3]],
        blocks[lane[0]], blocks[lane[1]], blocks[lane[2]], blocks[lane[3]],
        out[0], out[1], out[2], out[3],
      );
    }
  });
  const decodeInJs = batch.decodeBase64;
  return {
    batch: {
      ...batch,
      decodeBase64(src, start, end, at) {
        // The file's own bytes: decoded by the module, all but the padded last group.
        if (src.buffer !== buffer) return decodeInJs(src, start, end, at);
        const length = end - start;
        if (length % 4 !== 0 || length === 0) return length === 0 ? 0 : -1;
        const from = src.byteOffset + start;
        if (wasm.b64quads(from, from + length - 4, arenaAt + at) < 0) return -1;
        const tail = decodeBase64Bytes(wasm.memory, from + length - 4, from + length, arena, at + ((length - 4) / 4) * 3);
        return tail < 0 ? -1 : ((length - 4) / 4) * 3 + tail;
      },
    },
    file,
    find: (from, end, byte) => {
      const found = wasm.find(fileAt + from, fileAt + end, byte);
      return found < 0 ? -1 : found - fileAt;
    },
  };
}

type DigestLeaves = (
  arena: Uint8Array,
  digests: Uint8Array,
  offsets: Uint32Array,
  lengths: Uint32Array,
  count: number,
) => void;

function leafBatch(arena: Uint8Array, digests: Uint8Array, maxLeaves: number, slack: number, digest: DigestLeaves): LeafBatch {
  // The replay reads one source (the file) throughout: its plain view is made once.
  let lastSource: Uint8Array | undefined;
  let lastPlain: Uint8Array = arena;
  return {
    sha: JS_SHA256,
    arena,
    slack,
    maxLeaves,
    digests,
    decodeBase64(src, start, end, at) {
      if (src !== lastSource) {
        lastSource = src;
        lastPlain = plain(src);
      }
      return decodeBase64Bytes(lastPlain, start, end, arena, at);
    },
    digestLeaves(offsets, lengths, count) {
      digest(arena, digests, offsets, lengths, count);
    },
  };
}
