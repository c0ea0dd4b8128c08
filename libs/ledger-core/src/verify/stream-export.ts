/**
 * The ledger-export verification of verify-export.ts, streamed: the export is read from a
 * `ByteSource` in two passes, in memory bounded by the window, the checkpoints and O(log n)
 * hashes, whatever the number of entries (the in-memory verifier holds every entry, twice).
 *
 * 1. Index: the top-level object's small fields are parsed; `entries` and `leafHashes` are
 *    walked (syntax, element count, all strings) and their positions kept.
 * 2. Replay: entries and their recorded leaf hashes are read side by side, each entry decoded
 *    into one reused buffer and hashed, and fed to `LeafReplay`.
 *
 * It reports exactly what `verifyLedgerExport` reports for the same JSON, with the same
 * precedence: an unreadable entry anywhere before an unreadable leaf hash, both before the
 * checkpoint checks, those before the replay. So once a divergence is found, the rest is still
 * read to make sure no unreadable element comes first in that order (cheaply: decoded, not
 * hashed). One difference: an element string that is not valid JSON inside (a raw control
 * character, a bad escape) is reported as that element being malformed (EXPORT_MALFORMED)
 * rather than the whole file not being JSON; both are unreadable input.
 */
import { checkExportShape, ExportFields, ExportShape } from './ledger-export';
import { NODE_SHA256, Sha256 } from '../merkle/sha256';
import { ok, Result } from '../result';
import { Divergence } from './divergence';
import { ArrayInfo, ByteCursor, ByteSource, readObject, walkArray } from './json-scan';
import { SourcedCheckpoint } from './leaf-replay';
import { LeafBatch, nodeLeafBatch } from './leaf-batch';
import { CHUNK_LEAVES, chunkRanges, ChunkOutcome, ChunkReplayer, ChunkTask, combineChunks } from './chunk-replay';
import { VerifyOptions } from './trusted-key';
import { checkExportHeader, LedgerExportSummary, summarizeExport } from './verify-export';

/** A streamed file's top level, when it is an object whose `entries` is an array. */
export interface ExportIndex {
  readonly shape: ExportShape;
  readonly entries: ArrayInfo;
  readonly leafHashes?: ArrayInfo;
  /** Leaves per replay chunk; the arrays' `marks` are where each chunk starts. */
  readonly chunkLeaves: number;
}

const SMALL_FIELDS = new Set(['origin', 'publicKey', 'checkpoints']);

/**
 * Whether a value starting with `byte` is a plain number: `treeSize` is read only then (it is a
 * hint, the entries are counted; a one-pass reader sizes its memory by it), anything else skipped.
 */
const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;

/** What a reader of an export's array must at least find in it (see `readExportTop`). */
export interface ArrayRead {
  readonly count: number;
  readonly allStrings: boolean;
}

/** An export file's top level: its shape, and what was read of its arrays. */
export interface ExportTop<A extends ArrayRead> {
  readonly shape: ExportShape;
  readonly entries: A;
  readonly leafHashes?: A;
}

/**
 * Reads the top-level object of an export file member by member: the small fields parsed,
 * `entries` and `leafHashes` read by `readArray` (the cursor on the '[', left after the ']';
 * `small` holds the small fields met so far), anything else skipped with its syntax checked.
 * Undefined when the top level is not an object with an `entries` array (an evidence bundle, or
 * not an export at all: the caller reads such files whole). Throws JsonSyntaxError. As with
 * JSON.parse, a key given twice counts with its last value.
 */
export function readExportTop<A extends ArrayRead>(
  cursor: ByteCursor,
  readArray: (key: 'entries' | 'leafHashes', small: ReadonlyMap<string, unknown>) => A,
): ExportTop<A> | undefined {
  if (cursor.skipWhitespace() !== 0x7b) return undefined;
  const small = new Map<string, unknown>();
  const arrays = new Map<string, A | undefined>();
  readObject(cursor, (key) => {
    if (key === 'entries' || key === 'leafHashes') {
      if (cursor.peek() === 0x5b) {
        arrays.set(key, readArray(key, small));
      } else {
        arrays.set(key, undefined);
        cursor.skipValue();
      }
    } else if (SMALL_FIELDS.has(key) || (key === 'treeSize' && isDigit(cursor.peek()))) {
      small.set(key, cursor.readValue());
    } else {
      cursor.skipValue();
    }
  });
  const entries = arrays.get('entries');
  if (entries === undefined) return undefined;
  const leafHashes = arrays.get('leafHashes');
  const shapeOf = (read: A | undefined) =>
    read === undefined ? { strings: false, count: 0 } : { strings: read.allStrings, count: read.count };
  return {
    shape: {
      origin: small.get('origin'),
      publicKey: small.get('publicKey'),
      checkpoints: small.get('checkpoints'),
      entries: shapeOf(entries),
      leafHashes: arrays.has('leafHashes') ? shapeOf(leafHashes) : undefined,
    },
    entries,
    ...(leafHashes === undefined ? {} : { leafHashes }),
  };
}

/** Pass 1: the export's small fields, and where its arrays' chunks start (see `readExportTop`). */
export function indexLedgerExport(
  source: ByteSource,
  windowBytes?: number,
  chunkLeaves: number = CHUNK_LEAVES,
): ExportIndex | undefined {
  const cursor = new ByteCursor(source, 0, windowBytes);
  const top = readExportTop(cursor, () => walkArray(cursor, chunkLeaves));
  return top === undefined ? undefined : { ...top, chunkLeaves };
}

/** An indexed export's checks that need no entries, and the chunks left to replay. */
export interface ExportPlan {
  readonly fields: ExportFields;
  readonly header: Result<SourcedCheckpoint[], Divergence>;
  /** In leaf order; each starts at a multiple of `chunkLeaves`. */
  readonly tasks: readonly ChunkTask[];
}

/**
 * The shape (whose failure is final: nothing else is read) and the header checks of an indexed
 * export, and its replay cut into chunks that any runner (this thread, or workers) may replay
 * in any order before `finishExport` combines them.
 */
export function planIndexedExport(
  index: ExportIndex,
  options: VerifyOptions = {},
  trustedNote?: string,
): Result<ExportPlan, Divergence> {
  const fields = checkExportShape(index.shape);
  if (!fields.ok) return fields;
  const header = checkExportHeader(fields.value, trustedNote, options);
  const signed = header.ok ? header.value.map(({ checkpoint }) => checkpoint) : [];
  const tasks = chunkRanges(fields.value.size, signed, index.chunkLeaves).map((range, k) => ({
    ...range,
    entriesAt: index.entries.marks[k],
    ...(index.leafHashes === undefined ? {} : { hashesAt: index.leafHashes.marks[k] }),
    // With the header already failed, only an unreadable element can still come first.
    hash: header.ok,
  }));
  return ok({ fields: fields.value, header, tasks });
}

/** The verdict on a plan from its chunks' outcomes, in leaf order. */
export function finishExport(
  plan: Pick<ExportPlan, 'fields' | 'header'>,
  outcomes: readonly ChunkOutcome[],
  sha: Sha256 = NODE_SHA256,
): Result<LedgerExportSummary, Divergence> {
  const root = combineChunks(outcomes, plan.fields.size, plan.header, sha);
  if (!root.ok) return root;
  return ok(summarizeExport(plan.fields, plan.header.ok ? plan.header.value : [], Buffer.from(root.value)));
}

/**
 * Pass 2 on this thread: verifies an export indexed by `indexLedgerExport`, as
 * `verifyLedgerExport` (or, with `trustedNote`, `verifyAgainstTrustedCheckpoint`) would verify
 * the parsed file.
 */
export function verifyIndexedExport(
  source: ByteSource,
  index: ExportIndex,
  options: VerifyOptions = {},
  trustedNote?: string,
  /** The read window of each pass (tests make it tiny). */
  windowBytes?: number,
  /** How leaves are decoded and hashed (a browser brings its own). */
  batch: LeafBatch = nodeLeafBatch(),
): Result<LedgerExportSummary, Divergence> {
  const plan = planIndexedExport(index, options, trustedNote);
  if (!plan.ok) return plan;
  const replayer = new ChunkReplayer(source, batch, windowBytes);
  const outcomes: ChunkOutcome[] = [];
  let settled = false;
  for (const task of plan.value.tasks) {
    // Once a chunk diverged, later ones can only matter by an unreadable element.
    const outcome = replayer.replay(settled ? { ...task, hash: false } : task);
    outcomes.push(outcome);
    if (outcome.unreadableEntry !== undefined) break;
    settled ||= outcome.mismatch !== undefined || outcome.unreadableHash !== undefined;
  }
  return finishExport(plan.value, outcomes, batch.sha);
}
