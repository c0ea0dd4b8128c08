/**
 * What an offline verifier reports when the ledger does not hold: the first thing found wrong,
 * with a stable code and where it is, so an oversight body can cite it and the operator can
 * find it.
 */
export type DivergenceCode =
  /** The export or bundle is not the documented JSON (unreadable input, not a finding). */
  | 'EXPORT_MALFORMED'
  | 'BUNDLE_MALFORMED'
  | 'PUBLIC_KEY_MALFORMED'
  /** The file's key is not the key the verifier was told to trust. */
  | 'PUBLIC_KEY_NOT_TRUSTED'
  /** An export without any signed checkpoint proves nothing. */
  | 'CHECKPOINT_MISSING'
  | 'CHECKPOINT_MALFORMED'
  /** Not signed by the log key: a bad signature, or only signatures by other keys. */
  | 'CHECKPOINT_SIGNATURE_INVALID'
  | 'CHECKPOINT_ORIGIN_MISMATCH'
  /** A checkpoint covers more entries than the export holds: entries were removed. */
  | 'TREE_SIZE_EXCEEDS_ENTRIES'
  /** Two signed checkpoints cannot both describe one append-only log (rollback, fork, rewrite). */
  | 'CHECKPOINT_INCONSISTENT'
  /** The entries do not produce the root a checkpoint signed. */
  | 'CHECKPOINT_ROOT_MISMATCH'
  /** An entry does not hash to the leaf hash the ledger recorded for it. */
  | 'LEDGER_ENTRY_MISMATCH'
  | 'INCLUSION_PROOF_INVALID';

export interface EntryRange {
  /** First entry index of the range. */
  readonly from: number;
  /** One past the last entry index. */
  readonly to: number;
}

export interface Divergence {
  readonly code: DivergenceCode;
  readonly message: string;
  /** The leaf index of the entry at fault, when it can be pinned to one. */
  readonly entryIndex?: number;
  /** Where the first divergent entry lies, when only a checkpoint interval can be named. */
  readonly entryRange?: EntryRange;
  /** Position in the export's `checkpoints` of the checkpoint at fault. */
  readonly checkpointIndex?: number;
  /** Set when the fault is with the checkpoint the auditor kept, not one from the file. */
  readonly trustedCheckpoint?: boolean;
  /** Position in the bundle's `items`. */
  readonly itemIndex?: number;
}
