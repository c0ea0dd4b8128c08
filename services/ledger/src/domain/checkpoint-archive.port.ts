/** Where a signed checkpoint's write-once copy was put. */
export interface ArchivedCheckpoint {
  readonly key: string;
  readonly versionId: string | null;
}

/**
 * The write-once home of signed checkpoints, outside the ledger's database: once a checkpoint
 * is there, a later rewrite of the database is provable against it.
 */
export interface CheckpointArchive {
  /** Refuses to start on a store that would let a checkpoint be deleted or overwritten. */
  assertWriteOnce(): Promise<void>;
  /** Where `put` will keep the checkpoint of `treeSize` (recorded when it is signed, before the put). */
  keyOf(treeSize: number): string;
  put(treeSize: number, note: string): Promise<ArchivedCheckpoint>;
}

/** Object key of the checkpoint at `treeSize`: zero-padded, so keys list in size order. */
export function checkpointObjectKey(prefix: string, treeSize: number): string {
  return `${prefix}${String(treeSize).padStart(16, '0')}.checkpoint`;
}
