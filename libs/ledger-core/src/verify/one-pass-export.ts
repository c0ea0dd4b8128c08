/**
 * The streamed ledger-export verification of stream-export.ts in one read of the file instead
 * of two, for the exports the ledger writes (`checkpoints`, then `entries`, then `leafHashes`)
 * of up to 2^21 entries: the entries are walked and hashed as they come, into the tree and into
 * memory (32 bytes per entry, 64 MiB at most), and the recorded leaf hashes that follow are
 * compared with them by index. The two-pass reading needs no such memory, but reads the
 * entries twice (an index pass, then the replay): about a tenth of a thread's time.
 *
 * The verdict is the two-pass one, with the same precedence (`combineChunks` judges this pass as
 * the replay of one chunk of every leaf); an export this pass cannot judge so (other key order,
 * more entries, a runtime without `digestLeafText`) is left to the two passes (`verifyExportFile`).
 */
import { decodeBase64Bytes } from '../encoding/base64';
import { HASH_SIZE, LEAF_PREFIX } from '../merkle/hashing';
import { SubtreeHasher } from '../merkle/subtree-hasher';
import { Result } from '../result';
import { ChunkBorder, ChunkOutcome, decodeRecorded, LeafInput } from './chunk-replay';
import { BASE64_HASH_LENGTH, checkExportShape } from './ledger-export';
import { Divergence } from './divergence';
import {
  ByteCursor,
  ByteSource,
  latin1Text,
  NOT_A_STRING,
  openArray,
  readElement,
  stepToNextElement,
} from './json-scan';
import { LeafBatch, nodeLeafBatch } from './leaf-batch';
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

/** The entries as this pass read them: each one's leaf hash at 32·i, what a replay keeps. */
interface HashedEntries {
  readonly count: number;
  readonly allStrings: boolean;
  readonly unreadableEntry?: number;
  /** The tree's compact range before leaf s, for every claimed size s. */
  readonly borders: ChunkBorder[];
  /** Of every leaf, when all were hashed. */
  readonly endBorder?: Uint8Array[];
  readonly digests: Buffer;
}

/** `digests`, full, with room for twice as many; NeedsTwoPasses beyond ONE_PASS_MAX_ENTRIES. */
function grown(digests: Buffer): Buffer {
  if (digests.length >= HASH_SIZE * ONE_PASS_MAX_ENTRIES) throw new NeedsTwoPasses();
  const larger = Buffer.allocUnsafe(Math.min(HASH_SIZE * ONE_PASS_MAX_ENTRIES, 2 * digests.length));
  digests.copy(larger);
  return larger;
}

/**
 * Walks the entries array at the cursor, checking its syntax as `walkArray` does, and hashes
 * each entry into the tree and into `digests`, keeping the tree's border at each of `sizes`
 * (ascending). Plain elements (`,"<base64>"`) are cut from the cursor's latin1 text and decoded
 * natively, as `ChunkReplayer`'s plain path does; anything else (spacing, escapes, an entry too
 * large for the arena, another value, the array's end) is read by the general path. After an
 * unreadable entry or a value that is not a string, the rest is only walked.
 */
function hashEntries(
  cursor: ByteCursor,
  batch: Required<LeafBatch>,
  sizes: readonly number[],
  capacity: number,
): HashedEntries {
  const { arena, sha, digestLeafText, decodeBase64Text } = batch;
  const hasher = new SubtreeHasher(sha);
  const borders: ChunkBorder[] = [];
  let digests: Buffer = Buffer.allocUnsafe(HASH_SIZE * capacity);
  // Leaves wait in `digests` and enter the tree in runs: its nodes are hashed in bulk.
  let pushed = 0;
  const pushUpTo = (leaf: number) => {
    hasher.pushRun(digests, HASH_SIZE * pushed, leaf - pushed);
    pushed = leaf;
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
    if (hashing && i - pushed === RUN_LEAVES) pushUpTo(i);
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
      const digestAt = HASH_SIZE * i;
      if (digestAt === digests.length) digests = grown(digests);
      for (let b = 0; b < HASH_SIZE; b++) digests[digestAt + b] = digest.charCodeAt(b);
      continue;
    }
    // The general reading: spacing, escapes, an entry too large for the arena, another value, the end.
    if (i > 0 && !stepToNextElement(cursor)) break;
    const end = readElement(cursor);
    if (end === NOT_A_STRING) {
      allStrings = false;
      hashing = false;
    } else if (hashing) {
      const input = leafInput.decode(latin1Text(cursor.buf, cursor.spanStart, end));
      if (input === undefined) {
        unreadableEntry = i;
        hashing = false;
      } else {
        bordersBefore(i);
        if (HASH_SIZE * i === digests.length) digests = grown(digests);
        sha.digestInto(input, digests, HASH_SIZE * i);
      }
    }
  }
  if (hashing) pushUpTo(i);
  return {
    count: i,
    allStrings,
    ...(unreadableEntry === undefined ? {} : { unreadableEntry }),
    borders,
    ...(hashing ? { endBorder: hasher.border() } : {}),
    digests,
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
 * Walks the recorded leaf hashes at the cursor, as `walkArray` does, comparing each with the
 * entry's own; after the first unreadable one, the rest is only walked. Plain elements
 * (`,"` + 44 characters + `"`) are decoded straight from the window, without a quote search.
 */
function compareLeafHashes(cursor: ByteCursor, entries: HashedEntries): ComparedHashes {
  const { digests } = entries;
  // Node's base64 writer may write a byte or two past the 32.
  const recorded = Buffer.alloc(HASH_SIZE + 3);
  let count = 0;
  let allStrings = true;
  let unreadableHash: number | undefined;
  let mismatch: number | undefined;
  for (let more = openArray(cursor); more; count++) {
    const wanted = count < entries.count && unreadableHash === undefined;
    const from = cursor.pos;
    const start = wanted ? cursor.nextStringOfLength(BASE64_HASH_LENGTH, count > 0) : -1;
    const plain =
      start >= 0 && decodeBase64Bytes(cursor.buf, start, start + BASE64_HASH_LENGTH, recorded, 0) === HASH_SIZE;
    if (!plain) {
      cursor.pos = from;
      if (count > 0 && !stepToNextElement(cursor)) break;
      const end = readElement(cursor);
      if (end === NOT_A_STRING) {
        allStrings = false;
        continue;
      }
      if (!wanted) continue;
      if (!decodeRecorded(cursor.buf, cursor.spanStart, end, recorded, 0)) {
        unreadableHash = count;
        continue;
      }
    }
    if (mismatch === undefined) {
      const at = HASH_SIZE * count;
      for (let b = 0; b < HASH_SIZE; b++) {
        if (recorded[b] !== digests[at + b]) {
          mismatch = count;
          break;
        }
      }
    }
  }
  return {
    count,
    allStrings,
    ...(unreadableHash === undefined ? {} : { unreadableHash }),
    ...(mismatch === undefined ? {} : { mismatch }),
  };
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
  try {
    const top = readExportTop(cursor, (key, small) => {
      if (key === 'leafHashes') {
        if (entries === undefined) throw new NeedsTwoPasses();
        hashes = compareLeafHashes(cursor, entries);
        return hashes;
      }
      // The borders are kept at every size claimed, signed or not: the signatures are checked last.
      const checkpoints = small.get('checkpoints');
      if (entries !== undefined || !Array.isArray(checkpoints)) throw new NeedsTwoPasses();
      const hint = small.get('treeSize');
      const capacity = Number.isSafeInteger(hint) ? (hint as number) : 1 << 16;
      if (capacity > ONE_PASS_MAX_ENTRIES) throw new NeedsTwoPasses();
      const claimed = [...checkpoints, trustedNote].map(claimedSize).filter((size) => size !== undefined);
      const sizes = [...new Set(claimed)].sort((a, b) => a - b);
      entries = hashEntries(cursor, plain, sizes, Math.max(1, capacity));
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
