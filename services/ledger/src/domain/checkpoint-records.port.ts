import { ArchivedCheckpoint } from './checkpoint-archive.port';

export interface StoredCheckpoint {
  readonly treeSize: number;
  readonly rootHash: Buffer;
  /** The C2SP signed note, as published. */
  readonly note: string;
  readonly signedAt: Date;
  /** Where the write-once copy is (or will be, until `archived`). */
  readonly objectKey: string;
  readonly objectVersion: string | null;
  /** False while the write-once copy is still to be written (see Checkpointer). */
  readonly archived: boolean;
}

/**
 * The signed checkpoints the ledger recorded, in publication order (append-only): the port the
 * checkpointer and the queries use; `database/checkpoint-store.ts` keeps them in Postgres.
 */
export abstract class CheckpointRecords {
  abstract latest(): Promise<StoredCheckpoint | undefined>;
  /** The checkpoint signed at exactly `treeSize`, if any. */
  abstract atSize(treeSize: number): Promise<StoredCheckpoint | undefined>;
  /** Every checkpoint of at most `maxSize` entries, in publication order. */
  abstract upTo(maxSize: number): Promise<StoredCheckpoint[]>;
  /**
   * Records a checkpoint as soon as it is signed, its archive copy still to be written; a
   * replica that signed the same size first wins (same bytes: Ed25519 is deterministic).
   */
  abstract insert(treeSize: number, rootHash: Buffer, note: string, objectKey: string): Promise<void>;
  /** Checkpoints whose write-once copy is still to be written, oldest first. */
  abstract unarchived(limit: number): Promise<StoredCheckpoint[]>;
  abstract countUnarchived(): Promise<number>;
  /** Records that the copy of the checkpoint at `treeSize` is written (once: another replica may have). */
  abstract recordArchived(treeSize: number, archived: ArchivedCheckpoint): Promise<void>;
}
