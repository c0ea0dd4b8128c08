/**
 * The browser's `LeafBatch` (libs/ledger-core/src/verify/leaf-batch.ts): entries decoded from
 * the file's bytes straight into WebAssembly memory (no string per entry: building one cost
 * more than the hashing), padded there and hashed four at a time in SIMD, as the interior
 * nodes are (libs/ledger-core/src/merkle/sha256-simd.ts). Without WebAssembly SIMD, everything
 * is hashed in JavaScript.
 */
import type { Sha256 } from '../../../../../../../libs/ledger-core/src/merkle/sha256';
import { decodeBase64Bytes } from '../../../../../../../libs/ledger-core/src/encoding/base64';
import type { LeafBatch } from '../../../../../../../libs/ledger-core/src/verify/leaf-batch';
import { JS_SHA256 } from '../../../../../../../libs/ledger-core/src/merkle/sha256-js';
import {
  createSha256x4,
  PAD_SLACK,
  padInPlace,
  SIMD_NODE_BYTES,
  simdNodeDigests,
} from '../../../../../../../libs/ledger-core/src/merkle/sha256-simd';

const ARENA_BYTES = 2 << 20;
const MAX_LEAVES = 1024;

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

/** The WebAssembly SIMD batch, or `jsLeafBatch` where SIMD is missing. */
export function browserLeafBatch(maxLeaves = MAX_LEAVES, arenaBytes = ARENA_BYTES): LeafBatch {
  // Memory: the arena, the digests, 32 bytes where a group's unused lanes write, then the
  // interior nodes' padded inputs (128 bytes each) and their digests.
  const digestsAt = arenaBytes;
  const spareAt = digestsAt + 32 * maxLeaves;
  const nodesAt = spareAt + 32;
  const simd = createSha256x4(nodesAt + SIMD_NODE_BYTES);
  if (simd === undefined) return jsLeafBatch(maxLeaves, arenaBytes);
  const digestPairs = simdNodeDigests(simd, nodesAt);
  const arena = new Uint8Array(simd.memory.buffer, 0, arenaBytes);
  const digests = new Uint8Array(simd.memory.buffer, digestsAt, 32 * maxLeaves);
  const blocks = new Uint32Array(maxLeaves);
  const sha = { digestInto: JS_SHA256.digestInto, digestPairs };
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
