/**
 * Offline verification of a ledger export (ARCHITECTURE.md "The audit ledger"): recompute the
 * tree from the entries, check every checkpoint's signature and root, and report the first
 * divergence. Pure: the caller reads the files.
 */
import { Checkpoint } from '../checkpoint/checkpoint';
import { CompactRange } from '../merkle/compact-range';
import { hashesEqual } from '../merkle/hashing';
import { err, ok, Result } from '../result';
import { Divergence } from './divergence';
import { decodeLedgerExport, DecodedLedgerExport } from './ledger-export';
import { CheckpointSource, describeSource, openSourcedCheckpoint } from './open-checkpoints';
import { checkPinnedKey, VerifyOptions } from './trusted-key';

export interface LedgerExportSummary {
  readonly origin: string;
  readonly entries: number;
  /** Root over all entries. */
  readonly rootHash: Buffer;
  readonly checkpoints: number;
  /** Largest signed tree size; entries beyond it are covered by no signature yet. */
  readonly signedSize: number;
  /** Size of the auditor's checkpoint, when one was checked. */
  readonly trustedSize?: number;
}

interface SourcedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly source: CheckpointSource;
}

type Check = Result<true, Divergence>;
const PASS: Check = ok(true);

function openAll(
  decoded: DecodedLedgerExport,
  trustedNote: string | undefined,
): Result<SourcedCheckpoint[], Divergence> {
  const opened: SourcedCheckpoint[] = [];
  const notes: Array<[string, CheckpointSource]> = decoded.checkpoints.map((note, checkpointIndex) => [
    note,
    { checkpointIndex },
  ]);
  if (trustedNote !== undefined) notes.push([trustedNote, { trustedCheckpoint: true }]);
  for (const [note, source] of notes) {
    const checkpoint = openSourcedCheckpoint(note, decoded.verifier, decoded.origin, source);
    if (!checkpoint.ok) return checkpoint;
    opened.push({ checkpoint: checkpoint.value, source });
  }
  return ok(opened);
}

/**
 * Checks that need no entries, in publication order, the trusted checkpoint last: no size
 * exceeds the export, sizes never shrink, and one size has one root.
 */
function checkSignedHistory(checkpoints: readonly SourcedCheckpoint[], entries: number): Check {
  const rootBySize = new Map<number, SourcedCheckpoint>();
  let previous: Checkpoint | undefined;
  for (const sourced of checkpoints) {
    const { checkpoint, source } = sourced;
    const where = describeSource(source);
    if (checkpoint.size > entries) {
      return err({
        code: 'TREE_SIZE_EXCEEDS_ENTRIES',
        message: `${where} signs ${checkpoint.size} entries; the export holds only ${entries}`,
        entryRange: { from: entries, to: checkpoint.size },
        ...source,
      });
    }
    if ('checkpointIndex' in source) {
      if (previous !== undefined && checkpoint.size < previous.size) {
        return err({
          code: 'CHECKPOINT_INCONSISTENT',
          message: `${where} (size ${checkpoint.size}) follows a checkpoint of size ${previous.size}: the log shrank`,
          ...source,
        });
      }
      previous = checkpoint;
    }
    const sameSize = rootBySize.get(checkpoint.size);
    if (sameSize !== undefined && !hashesEqual(sameSize.checkpoint.rootHash, checkpoint.rootHash)) {
      return err({
        code: 'CHECKPOINT_INCONSISTENT',
        message: `${describeSource(sameSize.source)} and ${where} sign different roots for size ${checkpoint.size}`,
        ...source,
      });
    }
    rootBySize.set(checkpoint.size, sourced);
  }
  return PASS;
}

/**
 * Appends the entries in order and compares each checkpoint's root when the tree reaches its
 * size. Without recorded leaf hashes a wrong root narrows the first divergence to the entries
 * since the last matching checkpoint; with them, a changed entry is named exactly.
 */
function replay(decoded: DecodedLedgerExport, checkpoints: readonly SourcedCheckpoint[]): Result<Buffer, Divergence> {
  const bySize = [...checkpoints].sort((a, b) => a.checkpoint.size - b.checkpoint.size);
  const range = CompactRange.empty();
  let matchedSize = 0;
  const appendUpTo = (size: number): Check => {
    while (range.size < size) {
      const index = range.size;
      const computed = decoded.leafHash(index);
      const recorded = decoded.recordedLeafHash(index);
      if (recorded !== undefined && !hashesEqual(computed, recorded)) {
        return err({
          code: 'LEDGER_ENTRY_MISMATCH',
          message: `entry ${index} does not hash to the leaf hash recorded when it was appended`,
          entryIndex: index,
        });
      }
      range.append(computed);
    }
    return PASS;
  };
  for (const { checkpoint, source } of bySize) {
    const appended = appendUpTo(checkpoint.size);
    if (!appended.ok) return appended;
    if (!hashesEqual(range.root(), checkpoint.rootHash)) {
      const entryRange = { from: matchedSize, to: checkpoint.size };
      const where = `the first divergence lies in entries ${entryRange.from}..${entryRange.to - 1}`;
      return err(
        'trustedCheckpoint' in source
          ? {
              code: 'CHECKPOINT_INCONSISTENT',
              message: `the export does not extend the trusted checkpoint of size ${checkpoint.size}: history was rewritten; ${where}`,
              entryRange,
              ...source,
            }
          : {
              code: 'CHECKPOINT_ROOT_MISMATCH',
              message: `${describeSource(source)} (size ${checkpoint.size}) signs a root the entries do not produce; ${where}`,
              entryRange,
              ...source,
            },
      );
    }
    matchedSize = checkpoint.size;
  }
  const rest = appendUpTo(decoded.size);
  return rest.ok ? ok(range.root()) : rest;
}

function verify(
  json: unknown,
  trustedNote: string | undefined,
  options: VerifyOptions,
): Result<LedgerExportSummary, Divergence> {
  const decoded = decodeLedgerExport(json);
  if (!decoded.ok) return decoded;
  const pinned = checkPinnedKey(decoded.value.publicKey, options);
  if (!pinned.ok) return pinned;
  if (decoded.value.checkpoints.length === 0) {
    return err({ code: 'CHECKPOINT_MISSING', message: 'the export carries no signed checkpoint' });
  }
  const checkpoints = openAll(decoded.value, trustedNote);
  if (!checkpoints.ok) return checkpoints;
  const history = checkSignedHistory(checkpoints.value, decoded.value.size);
  if (!history.ok) return history;
  const root = replay(decoded.value, checkpoints.value);
  if (!root.ok) return root;
  const published = checkpoints.value.filter(({ source }) => 'checkpointIndex' in source);
  const trusted = checkpoints.value.find(({ source }) => 'trustedCheckpoint' in source);
  return ok({
    origin: decoded.value.origin,
    entries: decoded.value.size,
    rootHash: root.value,
    checkpoints: published.length,
    signedSize: published.reduce((largest, { checkpoint }) => Math.max(largest, checkpoint.size), 0),
    ...(trusted === undefined ? {} : { trustedSize: trusted.checkpoint.size }),
  });
}

/**
 * Verifies a ledger export on its own: every checkpoint is signed by the export's key for its
 * origin, sizes never shrink, and the entries reproduce every signed root. Reports the first
 * divergence. `json` is the parsed file, unvalidated.
 */
export function verifyLedgerExport(
  json: unknown,
  options: VerifyOptions = {},
): Result<LedgerExportSummary, Divergence> {
  return verify(json, undefined, options);
}

/**
 * As `verifyLedgerExport`, and the export must extend a checkpoint the auditor saved earlier.
 * This catches what an export alone cannot: an operator holding the key who truncated the log,
 * re-appended altered entries and re-signed every checkpoint.
 */
export function verifyAgainstTrustedCheckpoint(
  json: unknown,
  trustedCheckpointNote: string,
  options: VerifyOptions = {},
): Result<LedgerExportSummary, Divergence> {
  return verify(json, trustedCheckpointNote, options);
}
