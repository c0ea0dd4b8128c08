/**
 * Offline verification of a ledger export (ARCHITECTURE.md "The audit ledger"): recompute the
 * tree from the entries, check every checkpoint's signature and root, and report the first
 * divergence. Pure: the caller reads the files.
 */
import { Checkpoint } from '../checkpoint/checkpoint';
import { NoteVerifier } from '../checkpoint/note-keys';
import { hashesEqual } from '../merkle/hashing';
import { err, ok, Result } from '../result';
import { Divergence } from './divergence';
import { LeafReplay, SourcedCheckpoint } from './leaf-replay';
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

/** What verification needs besides the entries: from the parsed JSON, or from a streamed file. */
export interface ExportHeader {
  readonly origin: string;
  readonly publicKey: string;
  readonly verifier: NoteVerifier;
  /** Number of entries. */
  readonly size: number;
  readonly checkpoints: readonly string[];
}

type Check = Result<true, Divergence>;
const PASS: Check = ok(true);

function openAll(header: ExportHeader, trustedNote: string | undefined): Result<SourcedCheckpoint[], Divergence> {
  const opened: SourcedCheckpoint[] = [];
  const notes: Array<[string, CheckpointSource]> = header.checkpoints.map((note, checkpointIndex) => [
    note,
    { checkpointIndex },
  ]);
  if (trustedNote !== undefined) notes.push([trustedNote, { trustedCheckpoint: true }]);
  for (const [note, source] of notes) {
    const checkpoint = openSourcedCheckpoint(note, header.verifier, header.origin, source);
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

/** Replays the decoded entries (see LeafReplay). */
function replay(decoded: DecodedLedgerExport, checkpoints: readonly SourcedCheckpoint[]): Result<Buffer, Divergence> {
  const leaves = new LeafReplay(checkpoints);
  for (let index = 0; index < decoded.size; index++) {
    const computed = decoded.leafHash(index);
    const recorded = decoded.recordedLeafHash(index);
    const divergence = leaves.push(
      computed.toString('binary'),
      recorded === undefined || hashesEqual(computed, recorded),
    );
    if (divergence !== undefined) return err(divergence);
  }
  return leaves.finish();
}

/**
 * The checks that need no entry bytes, in the order the verifier reports them: the pinned key,
 * at least one checkpoint, every signature, then the signed history against the entry count.
 * Returns the opened checkpoints (the trusted one last) for the replay.
 */
export function checkExportHeader(
  header: ExportHeader,
  trustedNote: string | undefined,
  options: VerifyOptions,
): Result<SourcedCheckpoint[], Divergence> {
  const pinned = checkPinnedKey(header.publicKey, options);
  if (!pinned.ok) return pinned;
  if (header.checkpoints.length === 0) {
    return err({ code: 'CHECKPOINT_MISSING', message: 'the export carries no signed checkpoint' });
  }
  const checkpoints = openAll(header, trustedNote);
  if (!checkpoints.ok) return checkpoints;
  const history = checkSignedHistory(checkpoints.value, header.size);
  return history.ok ? checkpoints : history;
}

export function summarizeExport(
  header: ExportHeader,
  checkpoints: readonly SourcedCheckpoint[],
  rootHash: Buffer,
): LedgerExportSummary {
  const published = checkpoints.filter(({ source }) => 'checkpointIndex' in source);
  const trusted = checkpoints.find(({ source }) => 'trustedCheckpoint' in source);
  return {
    origin: header.origin,
    entries: header.size,
    rootHash,
    checkpoints: published.length,
    signedSize: published.reduce((largest, { checkpoint }) => Math.max(largest, checkpoint.size), 0),
    ...(trusted === undefined ? {} : { trustedSize: trusted.checkpoint.size }),
  };
}

function verify(
  json: unknown,
  trustedNote: string | undefined,
  options: VerifyOptions,
): Result<LedgerExportSummary, Divergence> {
  const decoded = decodeLedgerExport(json);
  if (!decoded.ok) return decoded;
  const checkpoints = checkExportHeader(decoded.value, trustedNote, options);
  if (!checkpoints.ok) return checkpoints;
  const root = replay(decoded.value, checkpoints.value);
  return root.ok ? ok(summarizeExport(decoded.value, checkpoints.value, root.value)) : root;
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
