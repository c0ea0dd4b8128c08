/**
 * The replay of a streamed export, one chunk of leaves at a time: a chunk [start, end) starts at
 * a multiple of the chunk size (a power of two), so its leaves form the whole tree's subtrees
 * there (see SubtreeHasher), and chunks can be hashed in any order, on any thread, and
 * combined (`combineChunks`) into exactly what one sequential replay finds: the same roots, the
 * same first divergence.
 */
import { Checkpoint } from '../checkpoint/checkpoint';
import { decodeBase64StrictInto } from '../encoding/base64';
import { HASH_SIZE, LEAF_PREFIX } from '../merkle/hashing';
import { Sha256 } from '../merkle/sha256';
import { foldBorder, SubtreeHasher } from '../merkle/subtree-hasher';
import { err, ok, Result } from '../result';
import { Divergence } from './divergence';
import { ByteCursor, ByteSource, latin1Text, nextStringElement, parseStringContent } from './json-scan';
import { CheckpointMatcher, SourcedCheckpoint } from './leaf-replay';

/** Leaves per chunk: 2^13, so a 100,000-entry export gives threads 13 pieces to share. */
export const CHUNK_LEAVES = 1 << 13;

/** What a chunk's replay needs: its leaves, where their array elements start, what to look for. */
export interface ChunkTask {
  readonly start: number;
  readonly end: number;
  /** Position of the opening quote of entry `start` (of leaf hash `start`). */
  readonly entriesAt: number;
  readonly hashesAt?: number;
  /** The signed sizes in [start, end), ascending: the chunk's border at each is kept. */
  readonly checkpointSizes: readonly number[];
  /** False when a divergence is already certain: only unreadable elements are looked for. */
  readonly hash: boolean;
}

export interface ChunkBorder {
  readonly size: number;
  /** Compact range of the chunk's leaves [start, size), largest subtree first. */
  readonly hashes: Uint8Array[];
}

export interface ChunkOutcome {
  readonly start: number;
  readonly end: number;
  /** First entry that is not canonical base64; nothing else of the chunk is then looked at. */
  readonly unreadableEntry?: number;
  /** First recorded leaf hash that is not a base64 SHA-256. */
  readonly unreadableHash?: number;
  /** First entry that does not hash to its recorded leaf hash; no border is kept beyond it. */
  readonly mismatch?: number;
  readonly borders: ChunkBorder[];
  /** Compact range of the whole chunk when hashed without mismatch. */
  readonly endBorder?: Uint8Array[];
}

/** The text of a string element that has JSON escapes, resolved; undefined when it has none or bad ones. */
export function unescaped(raw: string): string | undefined {
  if (raw.indexOf('\\') === -1) return undefined;
  try {
    // The raw bytes were read as latin1; JSON text is UTF-8.
    return parseStringContent(Buffer.from(raw, 'latin1').toString('utf8'), 0);
  } catch {
    return undefined;
  }
}

/** Decodes entries right after the leaf prefix in one reused, growing buffer. */
export class LeafInput {
  private buf = Buffer.allocUnsafe(1 << 16);
  private readonly views = new Map<number, Buffer>();

  /** The leaf hash input for `text`, or undefined when `text` is not canonical base64. */
  decode(text: string): Buffer | undefined {
    if (this.buf.length < 1 + text.length) {
      this.buf = Buffer.allocUnsafe(2 * text.length);
      this.views.clear();
    }
    this.buf[0] = LEAF_PREFIX;
    let length = decodeBase64StrictInto(text, this.buf, 1);
    if (length < 0) {
      const text2 = unescaped(text);
      if (text2 === undefined) return undefined;
      if (this.buf.length < 1 + text2.length) return this.decode(text2);
      length = decodeBase64StrictInto(text2, this.buf, 1);
      if (length < 0) return undefined;
    }
    // Views by length, so that hashing a batch of similar entries allocates nothing.
    let view = this.views.get(1 + length);
    if (view === undefined) {
      if (this.views.size > 4096) this.views.clear();
      view = this.buf.subarray(0, 1 + length);
      this.views.set(1 + length, view);
    }
    return view;
  }
}

/** Length of a SHA-256 in padded base64. */
const BASE64_HASH_LENGTH = 44;
const EQUALS = 0x3d;
const SIXTETS = new Int8Array(256).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  .split('')
  .forEach((c, i) => (SIXTETS[c.charCodeAt(0)] = i));

/**
 * Decodes a recorded leaf hash straight from the file's bytes, when it is canonical padded
 * base64 of 32 bytes (what `decodeBase64StrictInto` accepts); false otherwise (then the slow
 * path decides, escapes included). Saves a string and a native call per entry.
 */
function decodeHashBytes(buf: Uint8Array, start: number, end: number, out: Uint8Array): boolean {
  if (end - start !== BASE64_HASH_LENGTH || buf[end - 1] !== EQUALS) return false;
  let o = 0;
  for (let p = start; p < start + 40; p += 4) {
    const a = SIXTETS[buf[p]];
    const b = SIXTETS[buf[p + 1]];
    const c = SIXTETS[buf[p + 2]];
    const d = SIXTETS[buf[p + 3]];
    if ((a | b | c | d) < 0) return false;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 0xff;
    out[o++] = v & 0xff;
  }
  const a = SIXTETS[buf[start + 40]];
  const b = SIXTETS[buf[start + 41]];
  const c = SIXTETS[buf[start + 42]];
  // One pad: the last character's two low bits encode nothing and must be zero.
  if ((a | b | c) < 0 || (c & 0x03) !== 0) return false;
  const v = (a << 18) | (b << 12) | (c << 6);
  out[30] = v >> 16;
  out[31] = (v >> 8) & 0xff;
  return true;
}

/** A recorded hash's bytes into `out`, escapes resolved; false when it is not a base64 SHA-256. */
function decodeRecorded(buf: Buffer, start: number, end: number, out: Buffer): boolean {
  if (decodeHashBytes(buf, start, end, out)) return true;
  const raw = latin1Text(buf, start, end);
  for (const text of [raw, unescaped(raw)]) {
    if (text?.length === BASE64_HASH_LENGTH && decodeBase64StrictInto(text, out, 0) === HASH_SIZE) return true;
  }
  return false;
}

/**
 * Replays chunks (see ChunkTask) of one source, reusing its read windows and buffers from one
 * chunk to the next: a chunk that starts where the last ended is read on from the same window.
 */
export class ChunkReplayer {
  private entries?: ByteCursor;
  private recorded?: ByteCursor;
  private readonly input = new LeafInput();
  private readonly scratch = Buffer.allocUnsafe(HASH_SIZE + 3);

  constructor(
    private readonly source: ByteSource,
    private readonly sha: Sha256,
    private readonly windowBytes?: number,
  ) {}

  private cursorAt(cursor: ByteCursor | undefined, position: number): ByteCursor {
    if (cursor === undefined) return new ByteCursor(this.source, position, this.windowBytes);
    cursor.pos = position;
    return cursor;
  }

  replay(task: ChunkTask): ChunkOutcome {
    const entries = (this.entries = this.cursorAt(this.entries, task.entriesAt));
    const recorded =
      task.hashesAt === undefined ? undefined : (this.recorded = this.cursorAt(this.recorded, task.hashesAt));
    const { input, scratch } = this;
    const hasher = new SubtreeHasher(this.sha);
    const borders: ChunkBorder[] = [];
    const sizes = task.checkpointSizes;
    let nextSize = 0;
    let hashing = task.hash;
    let unreadableHash: number | undefined;
    let mismatch: number | undefined;
    for (let i = task.start; i < task.end; i++) {
      if (hashing) {
        while (nextSize < sizes.length && sizes[nextSize] === i) {
          borders.push({ size: i, hashes: hasher.border() });
          nextSize++;
        }
      }
      const [start, end] = nextStringElement(entries);
      const leafInput = input.decode(latin1Text(entries.buf, start, end));
      if (leafInput === undefined) return { start: task.start, end: task.end, unreadableEntry: i, borders: [] };
      let readable = true;
      if (recorded !== undefined) {
        const [from, to] = nextStringElement(recorded);
        readable = unreadableHash !== undefined || decodeRecorded(recorded.buf, from, to, scratch);
        if (!readable) unreadableHash = i;
      }
      if (!hashing || !readable) {
        hashing = false;
        continue;
      }
      hasher.pushLeaf(leafInput);
      if (recorded !== undefined && !hasher.lastEquals(scratch)) {
        mismatch = i;
        hashing = false;
      }
    }
    const hashed = task.hash && unreadableHash === undefined && mismatch === undefined;
    return {
      start: task.start,
      end: task.end,
      ...(unreadableHash === undefined ? {} : { unreadableHash }),
      ...(mismatch === undefined ? {} : { mismatch }),
      borders,
      ...(hashed ? { endBorder: hasher.border() } : {}),
    };
  }
}

/** The chunks of an export of `size` entries, with the signed sizes each must keep a border at. */
export function chunkRanges(
  size: number,
  checkpoints: readonly Checkpoint[],
  chunkLeaves = CHUNK_LEAVES,
): Array<{ start: number; end: number; checkpointSizes: number[] }> {
  const sizes = [...new Set(checkpoints.map((c) => c.size))].sort((a, b) => a - b);
  const chunks: Array<{ start: number; end: number; checkpointSizes: number[] }> = [];
  for (let start = 0; start < size; start += chunkLeaves) {
    const end = Math.min(size, start + chunkLeaves);
    chunks.push({ start, end, checkpointSizes: sizes.filter((s) => s >= start && s < end) });
  }
  return chunks;
}

/**
 * What the chunks' outcomes (in leaf order) say, as one sequential replay would say it: the
 * first unreadable entry anywhere, else the first unreadable leaf hash, else `header`'s
 * divergence, else the first of a root mismatch (at a signed size) or an entry mismatch, in
 * index order; otherwise the root over all entries.
 */
export function combineChunks(
  outcomes: readonly ChunkOutcome[],
  size: number,
  header: Result<readonly SourcedCheckpoint[], Divergence>,
  sha: Sha256,
): Result<Uint8Array, Divergence> {
  const unreadableEntry = outcomes.find((o) => o.unreadableEntry !== undefined)?.unreadableEntry;
  if (unreadableEntry !== undefined) {
    return err({ code: 'EXPORT_MALFORMED', message: `entry ${unreadableEntry} is not base64`, entryIndex: unreadableEntry });
  }
  const unreadableHash = outcomes.find((o) => o.unreadableHash !== undefined)?.unreadableHash;
  if (unreadableHash !== undefined) {
    return err({
      code: 'EXPORT_MALFORMED',
      message: `leaf hash ${unreadableHash} is not a base64 SHA-256`,
      entryIndex: unreadableHash,
    });
  }
  if (!header.ok) return header;
  const matcher = new CheckpointMatcher(header.value);
  // The chunks' roots, as leaves one level set up: every chunk but the last is complete.
  const chunkRoots = new SubtreeHasher(sha);
  const rootWith = (inner: readonly Uint8Array[]) => () => foldBorder(sha, [...chunkRoots.border(), ...inner]);
  let tail: readonly Uint8Array[] = [];
  for (const [k, outcome] of outcomes.entries()) {
    for (const { size: at, hashes } of outcome.borders) {
      const divergence = matcher.compareAt(at, rootWith(hashes));
      if (divergence !== undefined) return err(divergence);
    }
    if (outcome.mismatch !== undefined) return err(CheckpointMatcher.entryMismatch(outcome.mismatch));
    // Hashed in full: an earlier return covers every chunk that was not.
    const end = outcome.endBorder as Uint8Array[];
    // Every chunk but the last is complete, a subtree of one root; the last may be ragged.
    if (k < outcomes.length - 1) chunkRoots.pushHash(end[0]);
    else tail = end;
  }
  const root = rootWith(tail);
  const divergence = matcher.compareAt(size, root);
  return divergence === undefined ? ok(root()) : err(divergence);
}
