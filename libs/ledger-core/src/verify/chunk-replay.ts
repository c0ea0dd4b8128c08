/**
 * The replay of a streamed export, one chunk of leaves at a time: a chunk [start, end) starts at
 * a multiple of the chunk size (a power of two), so its leaves form the whole tree's subtrees
 * there (see SubtreeHasher), and chunks can be hashed in any order, on any thread, and
 * combined (`combineChunks`) into exactly what one sequential replay finds: the same roots, the
 * same first divergence.
 */
import { Checkpoint } from '../checkpoint/checkpoint';
import { decodeBase64Bytes, decodeBase64StrictInto } from '../encoding/base64';
import * as hashing from '../merkle/hashing';
import { Sha256 } from '../merkle/sha256';
import { foldBorder, SubtreeHasher } from '../merkle/subtree-hasher';
import { err, ok, Result } from '../result';
import { Divergence } from './divergence';
import { ByteCursor, ByteSource, latin1Text, nextStringElement, nextStringEnd, parseStringContent } from './json-scan';
import { LeafBatch, nodeLeafBatch } from './leaf-batch';
import { BASE64_HASH_LENGTH } from './ledger-export';
import { SpelledHashes } from './spelled-hashes';
import { CheckpointMatcher, SourcedCheckpoint } from './leaf-replay';

/**
 * Read once: an imported binding compiles (CommonJS) to a property read on every use, a measurable
 * share of the per-leaf loops.
 */
const { HASH_SIZE, LEAF_PREFIX } = hashing;

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

/**
 * Decodes a recorded leaf hash straight from the file's bytes, when it is canonical padded
 * base64 of 32 bytes; false otherwise (then the slow path decides, escapes included). Saves a
 * string and a native call per entry.
 */
export const decodeHashBytes = (buf: Uint8Array, start: number, end: number, out: Uint8Array, at: number): boolean =>
  end - start === BASE64_HASH_LENGTH && decodeBase64Bytes(buf, start, end, out, at) === HASH_SIZE;

/** A recorded hash's bytes into `out` at `at`, escapes resolved; false when it is not a base64 SHA-256. */
export function decodeRecorded(buf: Buffer, start: number, end: number, out: Buffer, at: number): boolean {
  if (decodeHashBytes(buf, start, end, out, at)) return true;
  const raw = latin1Text(buf, start, end);
  for (const text of [raw, unescaped(raw)]) {
    // Node's base64 writer may write a byte or two past the 32 (`out` keeps 3 spare at its end).
    if (text?.length === BASE64_HASH_LENGTH && decodeBase64StrictInto(text, out, at) === HASH_SIZE) return true;
  }
  return false;
}

/** Leaves `replayPlain` pushes into the tree at once, at most (`SubtreeHasher.pushRun`). */
const RUN_LEAVES = 4096;

/** What a chunk's replay has found so far; leaves are settled (pushed, compared) in order. */
interface ReplayState {
  readonly task: ChunkTask;
  readonly hasher: SubtreeHasher;
  readonly borders: ChunkBorder[];
  nextSize: number;
  /** Leaves are still pushed: none mismatched, no leaf hash unreadable, the task asks for it. */
  hashing: boolean;
  mismatch?: number;
}

/** What a finished chunk's replay found: the whole chunk's border only when it was hashed in full. */
function chunkOutcome(state: ReplayState, unreadableHash: number | undefined): ChunkOutcome {
  const { task } = state;
  const hashed = task.hash && unreadableHash === undefined && state.mismatch === undefined;
  return {
    start: task.start,
    end: task.end,
    ...(unreadableHash === undefined ? {} : { unreadableHash }),
    ...(state.mismatch === undefined ? {} : { mismatch: state.mismatch }),
    borders: state.borders,
    ...(hashed ? { endBorder: state.hasher.border() } : {}),
  };
}

/**
 * Replays chunks (see ChunkTask) of one source, reusing its read windows and buffers from one
 * chunk to the next: a chunk that starts where the last ended is read on from the same window.
 * Entries are decoded into the `LeafBatch`'s arena and hashed a batch at a time; each leaf is
 * then settled in index order exactly as if it had been hashed on its own.
 */
export class ChunkReplayer {
  private entries?: ByteCursor;
  private recorded?: ByteCursor;
  private readonly input = new LeafInput();
  private readonly batch: LeafBatch;
  private readonly offsets: Uint32Array;
  private readonly lengths: Uint32Array;
  /** The recorded leaf hash of each leaf of the batch, at 32·k. */
  private readonly expected: Buffer;
  /** `replayPlain`'s leaf hashes not yet in the tree, at 32·k. */
  private readonly run = Buffer.alloc(HASH_SIZE * RUN_LEAVES);
  /** Where the entries cursor was before each of the run's leaves, and after the last. */
  private readonly starts = new Float64Array(RUN_LEAVES + 1);
  private readonly spelled = new SpelledHashes();

  constructor(
    private readonly source: ByteSource,
    batch: LeafBatch = nodeLeafBatch(),
    private readonly windowBytes?: number,
  ) {
    this.batch = batch;
    this.offsets = new Uint32Array(batch.maxLeaves);
    this.lengths = new Uint32Array(batch.maxLeaves);
    this.expected = Buffer.alloc(HASH_SIZE * batch.maxLeaves + 3);
  }

  private cursorAt(cursor: ByteCursor | undefined, position: number): ByteCursor {
    if (cursor === undefined) return new ByteCursor(this.source, position, this.windowBytes);
    cursor.pos = position;
    return cursor;
  }

  replay(task: ChunkTask): ChunkOutcome {
    const entries = (this.entries = this.cursorAt(this.entries, task.entriesAt));
    const recorded =
      task.hashesAt === undefined ? undefined : (this.recorded = this.cursorAt(this.recorded, task.hashesAt));
    const { batch, offsets, lengths, expected } = this;
    const { arena, slack, maxLeaves } = batch;
    const state: ReplayState = {
      task,
      hasher: new SubtreeHasher(batch.sha),
      borders: [],
      nextSize: 0,
      hashing: task.hash,
    };
    // The common case first; the general loop below takes over at the first leaf it leaves.
    const from = this.replayPlain(state, entries, recorded);
    let unreadableHash: number | undefined;
    // The batch: leaves [first, first + count), inputs in the arena up to `used`.
    let first = from;
    let count = 0;
    let used = 0;
    const flush = () => {
      if (count > 0) {
        if (state.hashing) {
          batch.digestLeaves(offsets, lengths, count);
          this.settle(state, first, count, batch.digests, recorded === undefined ? undefined : expected);
        }
        first += count;
        count = 0;
        used = 0;
      }
    };
    for (let i = from; i < task.end; i++) {
      const [start, end] = nextStringElement(entries);
      // Room for the prefix, the longest decoding of the text, and the hasher's slack.
      const room = 1 + ((end - start + 3) >> 2) * 3 + slack;
      if (count === maxLeaves || used + room > arena.length) flush();
      let length = -1;
      if (room <= arena.length) {
        length = batch.decodeBase64(entries.buf, start, end, used + 1);
        if (length >= 0) arena[used] = LEAF_PREFIX;
      }
      if (length < 0) {
        // Escapes, something that is not base64, or an entry too large for the arena.
        const leafInput = this.input.decode(latin1Text(entries.buf, start, end));
        if (leafInput === undefined) return { start: task.start, end: task.end, unreadableEntry: i, borders: [] };
        if (leafInput.length + slack <= arena.length) {
          if (used + leafInput.length + slack > arena.length) flush();
          arena.set(leafInput, used);
          length = leafInput.length - 1;
        } else {
          // Hashed on its own, after the leaves before it.
          flush();
          if (recorded !== undefined && !this.readRecorded(recorded, 0, unreadableHash)) {
            unreadableHash = i;
            this.stopAt(state, i);
          }
          if (state.hashing) {
            batch.sha.digestInto(leafInput, batch.digests, 0);
            this.settle(state, i, 1, batch.digests, recorded === undefined ? undefined : expected);
          }
          first = i + 1;
          continue;
        }
      }
      offsets[count] = used;
      lengths[count] = 1 + length;
      used += 1 + length + slack;
      if (recorded !== undefined && !this.readRecorded(recorded, count, unreadableHash)) {
        // No leaf from the first unreadable leaf hash on is pushed; those before it are settled first.
        unreadableHash = i;
        flush();
        this.stopAt(state, i);
        first = i + 1;
        continue;
      }
      count++;
    }
    flush();
    return chunkOutcome(state, unreadableHash);
  }

  /**
   * One leaf at a time for a batch with `digestLeafText` (Node): each digest goes into a run of
   * leaf hashes, which is settled (`settleRun`) before each border kept, when it is full and at
   * the end. Stops at the first leaf it does not take as plain (escapes, an entry too large for
   * the arena, a recorded hash that is not plain base64), both cursors back on that leaf's
   * element, or after the first mismatch (that leaf pushed, as `settle` pushes it); returns the
   * leaf the general loop goes on from.
   */
  private replayPlain(state: ReplayState, entries: ByteCursor, recorded: ByteCursor | undefined): number {
    const { task, hasher, borders } = state;
    const digestLeafText = this.batch.digestLeafText;
    if (digestLeafText === undefined || !state.hashing) return task.start;
    const sizes = task.checkpointSizes;
    const { arena, slack } = this.batch;
    const { run, starts } = this;
    const decodeText = this.batch.decodeBase64Text;
    // The run holds leaves [i - inRun, i); `starts[k]` is where the run's leaf k's element starts.
    let inRun = 0;
    for (let i = task.start; i < task.end; i++) {
      const bordered = state.nextSize < sizes.length && sizes[state.nextSize] === i;
      if (inRun === RUN_LEAVES || bordered) {
        starts[inRun] = entries.pos;
        const stop = this.settleRun(state, i - inRun, inRun, entries, recorded);
        if (stop >= 0) return stop;
        inRun = 0;
      }
      while (state.nextSize < sizes.length && sizes[state.nextSize] === i) {
        borders.push({ size: i, hashes: hasher.border() });
        state.nextSize++;
      }
      starts[inRun] = entries.pos;
      let length = -1;
      const text = decodeText === undefined ? undefined : entries.nextBase64Text(i > task.start);
      if (text !== undefined && decodeText !== undefined) {
        if (1 + ((text.length + 3) >> 2) * 3 + slack <= arena.length) length = decodeText(text, 1);
      } else {
        const end = nextStringEnd(entries);
        const start = entries.spanStart;
        if (1 + ((end - start + 3) >> 2) * 3 + slack <= arena.length) length = this.batch.decodeBase64(entries.buf, start, end, 1);
      }
      if (length < 0) {
        entries.pos = starts[inRun];
        const stop = this.settleRun(state, i - inRun, inRun, entries, recorded);
        return stop >= 0 ? stop : i;
      }
      arena[0] = LEAF_PREFIX;
      const digest = digestLeafText(1 + length);
      const at = HASH_SIZE * inRun;
      for (let b = 0; b < HASH_SIZE; b++) run[at + b] = digest.charCodeAt(b);
      inRun++;
    }
    starts[inRun] = entries.pos;
    const stop = this.settleRun(state, task.end - inRun, inRun, entries, recorded);
    return stop >= 0 ? stop : task.end;
  }

  /**
   * Settles the run's `count` leaves (leaf `first` + k's hash at 32·k in `run`, its element at
   * `starts[k]`, `starts[count]` where the entries cursor is): each compared with its recorded
   * hash (runs at once as text, one by one where that text differs) and pushed into the tree,
   * up to the first that differs (pushed, as `settle` pushes it; the replay then stops hashing)
   * or whose recorded hash is not plain base64 (not pushed). Returns -1 when all were settled,
   * else the leaf the general loop goes on from, both cursors on its elements.
   */
  private settleRun(
    state: ReplayState,
    first: number,
    count: number,
    entries: ByteCursor,
    recorded: ByteCursor | undefined,
  ): number {
    const { run, starts, expected } = this;
    const chunkStart = state.task.start;
    let settled = recorded === undefined ? count : 0;
    let stop = -1;
    for (let oneByOne = 0; recorded !== undefined && settled < count;) {
      if (oneByOne === 0) {
        const matched = this.spelled.skip(recorded, run, HASH_SIZE * settled, count - settled, first + settled === chunkStart);
        if (matched > 0) {
          settled += matched;
          continue;
        }
        oneByOne = Math.max(1, -matched);
      }
      oneByOne--;
      const recordedAt = recorded.pos;
      let hashStart = recorded.nextStringOfLength(BASE64_HASH_LENGTH, first + settled > chunkStart);
      let hashEnd = hashStart + BASE64_HASH_LENGTH;
      if (hashStart < 0) {
        hashEnd = nextStringEnd(recorded);
        hashStart = recorded.spanStart;
      }
      if (!decodeHashBytes(recorded.buf, hashStart, hashEnd, expected, 0)) {
        recorded.pos = recordedAt;
        stop = first + settled;
        break;
      }
      let b = 0;
      while (b < HASH_SIZE && expected[b] === run[HASH_SIZE * settled + b]) b++;
      settled++;
      if (b < HASH_SIZE) {
        state.mismatch = first + settled - 1;
        state.hashing = false;
        stop = first + settled;
        break;
      }
    }
    state.hasher.pushRun(run, 0, settled);
    if (stop >= 0) entries.pos = starts[stop - first];
    return stop;
  }

  /**
   * Reads the next recorded leaf hash into `expected` at 32·`slot`; false when it is not a base64
   * SHA-256. Once one was unreadable, later ones are not looked at (only the first is reported).
   */
  private readRecorded(recorded: ByteCursor, slot: number, unreadableHash: number | undefined): boolean {
    const [from, to] = nextStringElement(recorded);
    return unreadableHash !== undefined || decodeRecorded(recorded.buf, from, to, this.expected, HASH_SIZE * slot);
  }

  /** Leaf `i` is not pushed: the borders before it are still kept, as a leaf-by-leaf replay keeps them. */
  private stopAt(state: ReplayState, i: number): void {
    if (!state.hashing) return;
    const sizes = state.task.checkpointSizes;
    while (state.nextSize < sizes.length && sizes[state.nextSize] === i) {
      state.borders.push({ size: i, hashes: state.hasher.border() });
      state.nextSize++;
    }
    state.hashing = false;
  }

  /**
   * Pushes leaves [first, first + count) with their digests, as one by one: the border at each
   * signed size before the leaf there, each leaf compared with its recorded hash, nothing after
   * the first that differs (it is pushed, then the replay stops hashing).
   */
  private settle(
    state: ReplayState,
    first: number,
    count: number,
    digests: Uint8Array,
    expected: Buffer | undefined,
  ): void {
    if (!state.hashing) return;
    let pushed = count;
    let mismatch = -1;
    if (expected !== undefined) {
      for (let k = 0; k < count && mismatch < 0; k++) {
        for (let b = HASH_SIZE * k; b < HASH_SIZE * (k + 1); b++) {
          if (digests[b] !== expected[b]) {
            mismatch = k;
            pushed = k + 1;
            break;
          }
        }
      }
    }
    const sizes = state.task.checkpointSizes;
    for (let k = 0; k < pushed;) {
      while (state.nextSize < sizes.length && sizes[state.nextSize] === first + k) {
        state.borders.push({ size: first + k, hashes: state.hasher.border() });
        state.nextSize++;
      }
      const until =
        state.nextSize < sizes.length ? Math.max(k + 1, Math.min(pushed, sizes[state.nextSize] - first)) : pushed;
      state.hasher.pushRun(digests, HASH_SIZE * k, until - k);
      k = until;
    }
    if (mismatch >= 0) {
      state.mismatch = first + mismatch;
      state.hashing = false;
    }
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
    return err({
      code: 'EXPORT_MALFORMED',
      message: `entry ${unreadableEntry} is not base64`,
      entryIndex: unreadableEntry,
    });
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
