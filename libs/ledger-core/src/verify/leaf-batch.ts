/**
 * The two primitives of an export's replay that cost nearly all its time, behind one interface
 * so that the one verification core runs on any platform with that platform's fastest means:
 * decoding an entry's base64 into its leaf hash input (`0x00 ‖ entry`) and hashing such inputs.
 * The replay decodes up to `maxLeaves` entries into `arena`, then has them hashed at once
 * (a browser hashes four at a time in WebAssembly SIMD); Node decodes and hashes one at a time
 * with its own native code (`nodeLeafBatch`). What is checked, and in which order, is the
 * replay's alone (chunk-replay.ts).
 */
import * as crypto from 'node:crypto';
import { decodeBase64StrictInto, decodeStandardBase64Into } from '../encoding/base64';
import { HASH_SIZE } from '../merkle/hashing';
import { NODE_SHA256, Sha256 } from '../merkle/sha256';
import { sharedSimdNodeDigests } from '../merkle/sha256-simd';
import { latin1Text } from './json-scan';

export interface LeafBatch {
  /** SHA-256 for everything else (interior nodes, inputs too large for the arena). */
  readonly sha: Sha256;
  /** Where leaf inputs are decoded; each needs `slack` free bytes after it. */
  readonly arena: Uint8Array;
  readonly slack: number;
  /** Leaves per batch (at most `digests.length / 32`). */
  readonly maxLeaves: number;
  /** Written by `digestLeaves`: leaf k's hash at 32·k. */
  readonly digests: Uint8Array;
  /**
   * Decodes `src[start, end)` into `arena` at `at` when it is the canonical spelling of
   * standard padded base64 (as `decodeBase64StrictInto`); returns the bytes written, or -1
   * (then the replay decides by the slow path, which also resolves JSON escapes).
   */
  decodeBase64(src: Uint8Array, start: number, end: number, at: number): number;
  /**
   * Optional, for a runtime whose native decoder takes strings (Node's): as `decodeBase64`, the
   * element's content given as latin1 text that holds no '-' or '_' (`ByteCursor.nextBase64Text`).
   */
  decodeBase64Text?(text: string, at: number): number;
  /** SHA-256 of `arena[offsets[k], offsets[k] + lengths[k])` into `digests` at 32·k, for k < count. */
  digestLeaves(offsets: Uint32Array, lengths: Uint32Array, count: number): void;
  /**
   * Optional, for one-leaf batches whose runtime hands a digest out cheaper as a string than as
   * bytes (Node's `crypto.hash`): SHA-256 of `arena[0, length)` as 32 latin1 characters. The
   * replay then compares it with the recorded hash where that already lies in the tree, and
   * copies no digest (chunk-replay.ts, `replayPlain`).
   */
  digestLeafText?(length: number): string;
}

/**
 * Node's: one leaf per batch (its native hash gains nothing from batching, and a small arena
 * stays in cache), decoded by Buffer's native base64 and hashed by `sha` (node:crypto); with
 * Node's own hash, interior nodes hashed in bulk are hashed in WebAssembly SIMD (sha256-simd.ts).
 */
export function nodeLeafBatch(leafSha: Sha256 = NODE_SHA256): LeafBatch {
  const digestPairs = leafSha === NODE_SHA256 ? sharedSimdNodeDigests() : undefined;
  const sha = digestPairs === undefined ? leafSha : { ...leafSha, digestPairs };
  // Larger entries take the replay's slow path, which grows its own buffer.
  const arena = Buffer.allocUnsafe(1 << 16);
  const digests = Buffer.allocUnsafe(HASH_SIZE);
  // One view per input length: inputs start at 0, so hashing allocates nothing.
  const views = new Map<number, Buffer>();
  const viewOf = (length: number): Buffer => {
    let view = views.get(length);
    if (view === undefined) {
      if (views.size > 4096) views.clear();
      view = arena.subarray(0, length);
      views.set(length, view);
    }
    return view;
  };
  return {
    ...(leafSha === NODE_SHA256 && typeof crypto.hash === 'function'
      ? { digestLeafText: (length: number) => crypto.hash('sha256', viewOf(length), 'binary') }
      : {}),
    sha,
    arena,
    slack: 0,
    maxLeaves: 1,
    digests,
    decodeBase64(src, start, end, at) {
      return decodeBase64StrictInto(latin1Text(src as Buffer, start, end), arena, at);
    },
    decodeBase64Text: (text, at) => decodeStandardBase64Into(text, arena, at),
    digestLeaves(offsets, lengths, count) {
      for (let k = 0; k < count; k++) {
        const from = offsets[k];
        const length = lengths[k];
        sha.digestInto(from === 0 ? viewOf(length) : arena.subarray(from, from + length), digests, HASH_SIZE * k);
      }
    },
  };
}
