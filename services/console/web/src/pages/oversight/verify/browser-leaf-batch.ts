/**
 * The browser's `LeafBatch` (libs/ledger-core/src/verify/leaf-batch.ts): entries decoded from
 * the file's bytes straight into WebAssembly memory (no string per entry: building one cost
 * more than the hashing), padded there and hashed four at a time in SIMD (sha256-simd.ts);
 * interior nodes, 65 bytes each, in JavaScript. Without WebAssembly SIMD, everything is hashed
 * in JavaScript.
 */
import type { Sha256 } from '../../../../../../../libs/ledger-core/src/merkle/sha256';
import { decodeBase64Bytes } from '../../../../../../../libs/ledger-core/src/encoding/base64';
import type { LeafBatch } from '../../../../../../../libs/ledger-core/src/verify/leaf-batch';
import { JS_SHA256 } from './sha256';
import { createSha256x4, PAD_SLACK, padInPlace, type Sha256x4 } from './sha256-simd';

const ARENA_BYTES = 2 << 20;
const MAX_LEAVES = 1024;
/** Interior nodes hashed per WebAssembly call, two padded blocks each. */
const NODE_SLOTS = 512;
const NODE_BLOCKS = 128;

/** A plain Uint8Array over the same bytes (the `buffer` package's Buffer is a subclass). */
function plain(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** JavaScript hashing of each leaf, for a browser without WebAssembly SIMD (and the tests' reference). */
export function jsLeafBatch(maxLeaves = MAX_LEAVES, arenaBytes = ARENA_BYTES): LeafBatch {
  return leafBatch(
    JS_SHA256,
    new Uint8Array(arenaBytes),
    new Uint8Array(32 * maxLeaves),
    maxLeaves,
    0,
    (arena, digests, offsets, lengths, count) => {
      for (let k = 0; k < count; k++)
        JS_SHA256.digestInto(arena.subarray(offsets[k], offsets[k] + lengths[k]), digests, 32 * k);
    },
  );
}

/**
 * Interior nodes in WebAssembly SIMD, `NODE_SLOTS` at a time: each 65-byte input copied into its
 * slot at `nodesAt` (padded there once), digests out at `nodeDigestsAt`.
 */
function simdNodeDigests(simd: Sha256x4, nodesAt: number, nodeDigestsAt: number): NonNullable<Sha256['digestNodes']> {
  const memory = simd.memory;
  // Each slot padded once: a 65-byte input always ends the same way.
  for (let slot = 0; slot < NODE_SLOTS; slot++) padInPlace(memory, nodesAt + NODE_BLOCKS * slot, 65);
  return (inputs: Uint8Array, count: number, out: Uint8Array) => {
    for (let done = 0; done < count; done += NODE_SLOTS) {
      const n = Math.min(NODE_SLOTS, count - done);
      for (let k = 0; k < n; k++)
        memory.set(inputs.subarray(65 * (done + k), 65 * (done + k + 1)), nodesAt + NODE_BLOCKS * k);
      for (let k = 0; k < n; k += 4) {
        // Lanes past the end hash the last input again, into its own slot.
        const [a, b, c, d] = [k, Math.min(k + 1, n - 1), Math.min(k + 2, n - 1), Math.min(k + 3, n - 1)];
        simd.hash4(
          nodesAt + NODE_BLOCKS * a,
          nodesAt + NODE_BLOCKS * b,
          nodesAt + NODE_BLOCKS * c,
          nodesAt + NODE_BLOCKS * d,
          2,
          2,
          2,
          2,
          nodeDigestsAt + 32 * a,
          nodeDigestsAt + 32 * b,
          nodeDigestsAt + 32 * c,
          nodeDigestsAt + 32 * d,
        );
      }
      out.set(memory.subarray(nodeDigestsAt, nodeDigestsAt + 32 * n), 32 * done);
    }
  };
}

/** The WebAssembly SIMD batch, or `jsLeafBatch` where SIMD is missing. */
export function browserLeafBatch(maxLeaves = MAX_LEAVES, arenaBytes = ARENA_BYTES): LeafBatch {
  // Memory: the arena, the digests, 32 bytes where a group's unused lanes write, then the
  // interior nodes' padded inputs (128 bytes each) and their digests.
  const digestsAt = arenaBytes;
  const spareAt = digestsAt + 32 * maxLeaves;
  const nodesAt = spareAt + 32;
  const nodeDigestsAt = nodesAt + NODE_BLOCKS * NODE_SLOTS;
  const simd = createSha256x4(nodeDigestsAt + 32 * NODE_SLOTS);
  if (simd === undefined) return jsLeafBatch(maxLeaves, arenaBytes);
  const digestNodes = simdNodeDigests(simd, nodesAt, nodeDigestsAt);
  const arena = new Uint8Array(simd.memory.buffer, 0, arenaBytes);
  const digests = new Uint8Array(simd.memory.buffer, digestsAt, 32 * maxLeaves);
  const blocks = new Uint32Array(maxLeaves);
  const sha = { digestInto: JS_SHA256.digestInto, digestNodes };
  return leafBatch(sha, arena, digests, maxLeaves, PAD_SLACK, (_arena, _digests, offsets, lengths, count) => {
    for (let k = 0; k < count; k++) blocks[k] = padInPlace(arena, offsets[k], lengths[k]);
    let k = 0;
    for (; k + 4 <= count; k += 4) {
      simd.hash4(
        offsets[k],
        offsets[k + 1],
        offsets[k + 2],
        offsets[k + 3],
        blocks[k],
        blocks[k + 1],
        blocks[k + 2],
        blocks[k + 3],
        digestsAt + 32 * k,
        digestsAt + 32 * (k + 1),
        digestsAt + 32 * (k + 2),
        digestsAt + 32 * (k + 3),
      );
    }
    if (k < count) {
      // The last one to three: the missing lanes hash the last leaf again into the spare slot.
      const lane = (j: number) => (k + j < count ? k + j : count - 1);
      const out = (j: number) => (k + j < count ? digestsAt + 32 * (k + j) : spareAt);
      simd.hash4(
        offsets[lane(0)],
        offsets[lane(1)],
        offsets[lane(2)],
        offsets[lane(3)],
        blocks[lane(0)],
        blocks[lane(1)],
        blocks[lane(2)],
        blocks[lane(3)],
        out(0),
        out(1),
        out(2),
        out(3),
      );
    }
  });
}

type DigestLeaves = (
  arena: Uint8Array,
  digests: Uint8Array,
  offsets: Uint32Array,
  lengths: Uint32Array,
  count: number,
) => void;

function leafBatch(
  sha: Sha256,
  arena: Uint8Array,
  digests: Uint8Array,
  maxLeaves: number,
  slack: number,
  digest: DigestLeaves,
): LeafBatch {
  // The replay reads one source (the file) throughout: its plain view is made once.
  let lastSource: Uint8Array | undefined;
  let lastPlain: Uint8Array = arena;
  return {
    sha,
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
