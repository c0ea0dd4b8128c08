/**
 * The streamed ledger-export verification of stream-export.ts in one read of the file instead
 * of two, for exports whose `checkpoints` come before their `entries` and whose `leafHashes`
 * (if any) come after them: the entries are walked and hashed as they come, into the tree, and
 * each one's hash is compared with the one recorded for it. Where the ledger's writer puts the
 * recorded hashes (the last member, each `"<44 characters>"`, found from the file's end and the
 * export's `treeSize`), they are read alongside the entries by a second cursor, in any number;
 * otherwise (other spacing, no `treeSize`) the entries' hashes wait in memory (32 bytes each, at
 * most 2^21 of them) for the recorded ones that follow. The two-pass reading reads the entries
 * twice (an index pass, then the replay): about a tenth of a thread's time.
 *
 * The verdict is the two-pass one, with the same precedence (`combineChunks` judges this pass as
 * the replay of one chunk of every leaf); an export this pass cannot judge so (other key order,
 * more entries than it keeps, a key given twice, a runtime without `digestLeafText`) is left to
 * the two passes (`verifyExportFile`).
 */
import { HASH_SIZE, LEAF_PREFIX } from '../merkle/hashing';
import { SubtreeHasher } from '../merkle/subtree-hasher';
import { Result } from '../result';
import { ChunkBorder, ChunkOutcome, decodeHashBytes, decodeRecorded, LeafInput } from './chunk-replay';
import { BASE64_HASH_LENGTH, checkExportShape } from './ledger-export';
import { Divergence } from './divergence';
import {
  ByteCursor,
  ByteSource,
  JsonSyntaxError,
  latin1Text,
  NOT_A_STRING,
  openArray,
  readBytes,
  readElement,
  stepToNextElement,
} from './json-scan';
import { LeafBatch, nodeLeafBatch } from './leaf-batch';
import { HASH_ELEMENT_BYTES, SpelledHashes } from './spelled-hashes';
import { finishExport, indexLedgerExport, readExportTop, verifyIndexedExport } from './stream-export';
import { VerifyOptions } from './trusted-key';
import { checkExportHeader, LedgerExportSummary } from './verify-export';

/** Leaves pushed into the tree at once, at most (`SubtreeHasher.pushRun`). */
const RUN_LEAVES = 4096;

/** Most entries whose hashes one pass holds: 64 MiB of them. */
export const ONE_PASS_MAX_ENTRIES = 1 << 21;

/** The export is one this pass cannot judge as the two passes would: they read it instead. */
class NeedsTwoPasses extends Error {}

/** The size a checkpoint note claims (its second line), unverified; undefined if none. */
function claimedSize(note: unknown): number | undefined {
  if (typeof note !== 'string') return undefined;
  const line = note.split('\n', 2)[1];
  return line !== undefined && /^(0|[1-9][0-9]{0,15})$/.test(line) ? Number(line) : undefined;
}

/** The entries as this pass read them: what a replay of one chunk of every leaf keeps. */
interface HashedEntries {
  readonly count: number;
  readonly allStrings: boolean;
  readonly unreadableEntry?: number;
  /** The tree's compact range before leaf s, for every claimed size s. */
  readonly borders: ChunkBorder[];
  /** Of every leaf, when all were hashed. */
  readonly endBorder?: Uint8Array[];
}

/** Takes the next `count` leaf hashes, at 32·k in `run` (valid only during the call). */
type KeepLeaves = (run: Buffer, count: number) => void;

/**
 * Walks the entries array at the cursor, checking its syntax as `walkArray` does, and hashes
 * each entry into the tree, keeping the tree's border at each of `sizes` (ascending); the leaf
 * hashes go to `keep` in order, in runs. Plain elements (`,"<base64>"`) are cut from the
 * cursor's latin1 text and decoded natively, as `ChunkReplayer`'s plain path does; anything else
 * (spacing, escapes, an entry too large for the arena, another value, the array's end) is read
 * by the general path. After an unreadable entry or a value that is not a string, the rest is
 * only walked.
 */
function hashEntries(
  cursor: ByteCursor,
  batch: Required<LeafBatch>,
  sizes: readonly number[],
  keep: KeepLeaves,
): HashedEntries {
  const { arena, sha, digestLeafText, decodeBase64Text } = batch;
  const hasher = new SubtreeHasher(sha);
  const borders: ChunkBorder[] = [];
  // Leaves wait in `run` (leaf runStart + k at 32·k), reused: they enter the tree in runs (nodes hashed in bulk).
  const run = Buffer.allocUnsafe(HASH_SIZE * RUN_LEAVES);
  let runStart = 0;
  let pushed = 0;
  const pushUpTo = (leaf: number) => {
    hasher.pushRun(run, HASH_SIZE * (pushed - runStart), leaf - pushed);
    pushed = leaf;
  };
  // The run's leaves so far go to `keep`, into the tree too unless hashing stops there.
  const endRun = (leaf: number, push: boolean) => {
    if (push) pushUpTo(leaf);
    keep(run, leaf - runStart);
    runStart = leaf;
  };
  let nextSize = 0;
  const bordersBefore = (leaf: number) => {
    if (nextSize < sizes.length && sizes[nextSize] === leaf) pushUpTo(leaf);
    for (; nextSize < sizes.length && sizes[nextSize] === leaf; nextSize++)
      borders.push({ size: leaf, hashes: hasher.border() });
  };
  // Escaped or oversized entries, decoded off the plain path.
  const leafInput = new LeafInput();
  let hashing = true;
  let allStrings = true;
  let unreadableEntry: number | undefined;
  let i = 0;
  for (let more = openArray(cursor); more; i++) {
    if (hashing && i - runStart === RUN_LEAVES) endRun(i, true);
    const at = cursor.pos;
    const text = hashing ? cursor.nextBase64Text(i > 0) : undefined;
    let length = -1;
    if (text !== undefined) {
      if (1 + ((text.length + 3) >> 2) * 3 <= arena.length) length = decodeBase64Text(text, 1);
      if (length < 0) cursor.pos = at;
    }
    if (length >= 0) {
      bordersBefore(i);
      arena[0] = LEAF_PREFIX;
      const digest = digestLeafText(1 + length);
      const digestAt = HASH_SIZE * (i - runStart);
      for (let b = 0; b < HASH_SIZE; b++) run[digestAt + b] = digest.charCodeAt(b);
      continue;
    }
    // The general reading: spacing, escapes, an entry too large for the arena, another value, the end.
    if (i > 0 && !stepToNextElement(cursor)) break;
    const end = readElement(cursor);
    const input =
      end === NOT_A_STRING || !hashing ? undefined : leafInput.decode(latin1Text(cursor.buf, cursor.spanStart, end));
    if (input !== undefined) {
      bordersBefore(i);
      sha.digestInto(input, run, HASH_SIZE * (i - runStart));
      continue;
    }
    if (end === NOT_A_STRING) allStrings = false;
    else if (hashing) unreadableEntry = i;
    if (hashing) {
      // The leaves before this one still meet their recorded hashes.
      endRun(i, false);
      hashing = false;
    }
  }
  if (hashing) endRun(i, true);
  return {
    count: i,
    allStrings,
    ...(unreadableEntry === undefined ? {} : { unreadableEntry }),
    borders,
    ...(hashing ? { endBorder: hasher.border() } : {}),
  };
}

/** The leaf hashes of up to ONE_PASS_MAX_ENTRIES leaves, kept in memory (NeedsTwoPasses beyond). */
class KeptHashes {
  bytes: Buffer;
  count = 0;

  constructor(capacity: number) {
    this.bytes = Buffer.allocUnsafe(HASH_SIZE * Math.max(1, capacity));
  }

  readonly keep: KeepLeaves = (run, count) => {
    while (HASH_SIZE * (this.count + count) > this.bytes.length) {
      if (this.bytes.length >= HASH_SIZE * ONE_PASS_MAX_ENTRIES) throw new NeedsTwoPasses();
      const larger = Buffer.allocUnsafe(Math.min(HASH_SIZE * ONE_PASS_MAX_ENTRIES, 2 * this.bytes.length));
      this.bytes.copy(larger, 0, 0, HASH_SIZE * this.count);
      this.bytes = larger;
    }
    run.copy(this.bytes, HASH_SIZE * this.count, 0, HASH_SIZE * count);
    this.count += count;
  };
}

/** What the recorded leaf hashes said against the entries' own. */
interface ComparedHashes {
  readonly count: number;
  readonly allStrings: boolean;
  /** The first that is not a base64 SHA-256. */
  readonly unreadableHash?: number;
  /** The first entry whose hash differs from the one recorded for it. */
  readonly mismatch?: number;
}

/**
 * Reads the recorded leaf hashes array at a cursor, as `walkArray` does, comparing each element
 * with the entry's own hash as those come (`compare`), then the rest (`finish`); after the first
 * unreadable one, the rest is only walked. Runs of hashes are compared as text: the entries'
 * hashes spelled as the ledger writes them, against the window's bytes in one native comparison
 * (a run that differs anywhere is read again one by one). Single plain elements (`,"` + 44
 * characters + `"`) are decoded straight from the window, without a quote search.
 */
class RecordedHashes {
  private count = 0;
  private allStrings = true;
  private unreadableHash?: number;
  private mismatch?: number;
  private ended: boolean;
  /** Elements left to read one by one, after a run whose text differed. */
  private oneByOne = 0;
  // Node's base64 writer may write a byte or two past the 32.
  private readonly recorded = Buffer.alloc(HASH_SIZE + 3);
  private readonly runs = new SpelledHashes();

  /** The cursor on the array's '['. */
  constructor(readonly cursor: ByteCursor) {
    this.ended = !openArray(cursor);
  }

  /** Compares the next `count` elements with the hashes at 32·k in `hashes` (the leaves that follow the last compared). */
  compare(hashes: Buffer, count: number): void {
    for (let k = 0; k < count && !this.ended;) {
      if (this.unreadableHash === undefined && this.oneByOne === 0) {
        const run = this.runs.skip(this.cursor, hashes, HASH_SIZE * k, count - k, this.count === 0);
        if (run > 0) {
          this.count += run;
          k += run;
          continue;
        }
        this.oneByOne = -run;
      }
      if (this.oneByOne > 0) this.oneByOne--;
      this.next(this.unreadableHash === undefined, hashes, HASH_SIZE * k);
      k++;
    }
  }

  /** Reads the rest of the array (after the cursor: its ']'), checking that those of the `entries` are readable. */
  finish(entries: number): ComparedHashes {
    while (!this.ended) this.next(this.count < entries && this.unreadableHash === undefined);
    const { count, allStrings, unreadableHash, mismatch } = this;
    return {
      count,
      allStrings,
      ...(unreadableHash === undefined ? {} : { unreadableHash }),
      ...(mismatch === undefined ? {} : { mismatch }),
    };
  }

  /**
   * Reads the next element; with `check`, also that it is a base64 SHA-256, then compares it
   * with the hash at `at` in `hashes` when those are given.
   */
  private next(check: boolean, hashes?: Buffer, at = 0): void {
    const { cursor, recorded } = this;
    const index = this.count;
    const from = cursor.pos;
    const start = check ? cursor.nextStringOfLength(BASE64_HASH_LENGTH, index > 0) : -1;
    const plain = start >= 0 && decodeHashBytes(cursor.buf, start, start + BASE64_HASH_LENGTH, recorded, 0);
    if (!plain) {
      cursor.pos = from;
      if (index > 0 && !stepToNextElement(cursor)) {
        this.ended = true;
        return;
      }
      this.count++;
      const end = readElement(cursor);
      if (end === NOT_A_STRING) {
        this.allStrings = false;
        return;
      }
      if (!check) return;
      if (!decodeRecorded(cursor.buf, cursor.spanStart, end, recorded, 0)) {
        this.unreadableHash = index;
        return;
      }
    } else {
      this.count++;
    }
    if (hashes === undefined || this.mismatch !== undefined) return;
    for (let b = 0; b < HASH_SIZE; b++) {
      if (recorded[b] !== hashes[at + b]) {
        this.mismatch = index;
        return;
      }
    }
  }
}

/** How the ledger's writer (services/ledger) ends an export: the recorded hashes, then the object. */
const RECORDED_KEY = Buffer.from(',"leafHashes":[');
const EXPORT_END = Buffer.from(']}');

/**
 * Where the ledger's writer puts the recorded hashes of `count` entries: the '[' of
 * `,"leafHashes":[` + count elements `"<44 characters>"` between commas + `]}`, which end its
 * exports; undefined when the bytes there are not that. A guess: only the top-level reading,
 * arriving at that very '[', confirms it (`verifyExportInOnePass`).
 */
function recordedHashesAt(source: ByteSource, count: number): number | undefined {
  const open = source.size - EXPORT_END.length - HASH_ELEMENT_BYTES * count;
  if (count === 0 || open < RECORDED_KEY.length) return undefined;
  const keyAt = open + 1 - RECORDED_KEY.length;
  if (!readBytes(source, keyAt, RECORDED_KEY.length).equals(RECORDED_KEY)) return undefined;
  if (!readBytes(source, source.size - EXPORT_END.length, EXPORT_END.length).equals(EXPORT_END)) return undefined;
  return open;
}

/**
 * The pass as the replay of one chunk of every leaf would have ended (see `ChunkReplayer`):
 * borders kept up to the first mismatch, the whole tree's only when every leaf was hashed and
 * matched.
 */
function asChunkOutcome(entries: HashedEntries, hashes: ComparedHashes | undefined): ChunkOutcome {
  const mismatch = hashes?.mismatch;
  const unreadableHash = hashes?.unreadableHash;
  const settled = mismatch === undefined && unreadableHash === undefined;
  return {
    start: 0,
    end: entries.count,
    ...(entries.unreadableEntry === undefined ? {} : { unreadableEntry: entries.unreadableEntry }),
    ...(unreadableHash === undefined ? {} : { unreadableHash }),
    ...(mismatch === undefined ? {} : { mismatch }),
    borders: mismatch === undefined ? entries.borders : entries.borders.filter(({ size }) => size <= mismatch),
    ...(settled && entries.endBorder !== undefined ? { endBorder: entries.endBorder } : {}),
  };
}

/** Returned when the export is one the two passes must read (see the module's comment). */
export const TWO_PASSES = 'two passes';

/**
 * Verifies an export in one pass, as `verifyIndexedExport` would after `indexLedgerExport`.
 * Undefined when the file is not an export (see `readExportTop`); TWO_PASSES when this pass
 * cannot judge it. Throws JsonSyntaxError.
 */
export function verifyExportInOnePass(
  source: ByteSource,
  options: VerifyOptions = {},
  trustedNote?: string,
  windowBytes?: number,
  batch: LeafBatch = nodeLeafBatch(),
): Result<LedgerExportSummary, Divergence> | typeof TWO_PASSES | undefined {
  const { digestLeafText, decodeBase64Text } = batch;
  if (digestLeafText === undefined || decodeBase64Text === undefined) return TWO_PASSES;
  const plain = { ...batch, digestLeafText, decodeBase64Text } as Required<LeafBatch>;
  const cursor = new ByteCursor(source, 0, windowBytes);
  let entries: HashedEntries | undefined;
  let hashes: ComparedHashes | undefined;
  // The recorded hashes are read alongside the entries where the ledger's writer puts them;
  // otherwise the entries' own are kept in memory until the recorded ones come.
  let alongside: { readonly recorded: RecordedHashes; readonly at: number; failed: boolean } | undefined;
  let inMemory: KeptHashes | undefined;
  try {
    const top = readExportTop(cursor, (key, small) => {
      if (key === 'leafHashes') {
        if (entries === undefined || hashes !== undefined) throw new NeedsTwoPasses();
        if (alongside !== undefined) {
          // The guess holds only if the top level's own reading arrives at the array read alongside.
          if (alongside.failed || cursor.pos !== alongside.at) throw new NeedsTwoPasses();
          hashes = alongside.recorded.finish(entries.count);
          cursor.pos = alongside.recorded.cursor.pos;
          return hashes;
        }
        const recorded = new RecordedHashes(cursor);
        recorded.compare((inMemory as KeptHashes).bytes, (inMemory as KeptHashes).count);
        hashes = recorded.finish(entries.count);
        return hashes;
      }
      // The borders are kept at every size claimed, signed or not: the signatures are checked last.
      const checkpoints = small.get('checkpoints');
      if (entries !== undefined || !Array.isArray(checkpoints)) throw new NeedsTwoPasses();
      const claimed = [...checkpoints, trustedNote].map(claimedSize).filter((size) => size !== undefined);
      const sizes = [...new Set(claimed)].sort((a, b) => a - b);
      const hint = small.get('treeSize');
      const count = Number.isSafeInteger(hint) ? (hint as number) : undefined;
      const at = count === undefined ? undefined : recordedHashesAt(source, count);
      if (at !== undefined) {
        const side = { recorded: new RecordedHashes(new ByteCursor(source, at, windowBytes)), at, failed: false };
        alongside = side;
        entries = hashEntries(cursor, plain, sizes, (run, leaves) => {
          if (side.failed) return;
          try {
            side.recorded.compare(run, leaves);
          } catch (error) {
            // Not the array the guess took it for (or a broken one: the two passes say which).
            if (!(error instanceof JsonSyntaxError)) throw error;
            side.failed = true;
          }
        });
        return entries;
      }
      const capacity = count ?? 1 << 16;
      if (capacity > ONE_PASS_MAX_ENTRIES) throw new NeedsTwoPasses();
      inMemory = new KeptHashes(capacity);
      entries = hashEntries(cursor, plain, sizes, inMemory.keep);
      return entries;
    });
    if (top === undefined) return undefined;
    const fields = checkExportShape(top.shape);
    if (!fields.ok) return fields;
    const read = entries as HashedEntries;
    const header = checkExportHeader(fields.value, trustedNote, options);
    const kept = new Set(read.borders.map(({ size }) => size));
    // A key given twice, or a note read differently here: the two passes judge it.
    if (top.entries !== read || (top.leafHashes !== undefined && top.leafHashes !== hashes)) return TWO_PASSES;
    if (header.ok && read.endBorder !== undefined) {
      const missed = header.value.some(({ checkpoint: { size } }) => size < read.count && !kept.has(size));
      if (missed) return TWO_PASSES;
    }
    return finishExport({ fields: fields.value, header }, [asChunkOutcome(read, hashes)], batch.sha);
  } catch (error) {
    if (error instanceof NeedsTwoPasses) return TWO_PASSES;
    throw error;
  }
}

/**
 * A streamed export's verdict, in one pass when it can (`verifyExportInOnePass`), else two
 * (`indexLedgerExport`, `verifyIndexedExport`); undefined when the file is not an export.
 */
export function verifyExportFile(
  source: ByteSource,
  options: VerifyOptions = {},
  trustedNote?: string,
  windowBytes?: number,
  batch: LeafBatch = nodeLeafBatch(),
): Result<LedgerExportSummary, Divergence> | undefined {
  const once = verifyExportInOnePass(source, options, trustedNote, windowBytes, batch);
  if (once !== TWO_PASSES) return once;
  const index = indexLedgerExport(source, windowBytes);
  return index && verifyIndexedExport(source, index, options, trustedNote, windowBytes, batch);
}
