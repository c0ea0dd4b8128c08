import { AppendOutcome, LeafInput, Rejection, StoredLeaf } from './ledger-entry';

/** Whether a read may be answered from the proof cache. */
export interface ReadOptions {
  /**
   * False for reads that check the stored tree itself (the checkpointer before signing): a
   * database rewritten behind the service's back must be read as it now is.
   */
  readonly cached?: boolean;
}

/**
 * The audit log as an RFC 9162 Merkle tree: the port the checkpointer and the queries use;
 * `database/ledger-log.ts` keeps it in Postgres.
 */
export abstract class MerkleLog {
  /** Called with the new size after every append that added leaves. */
  abstract onAppended(listener: (size: number) => void): void;
  abstract append(leaves: readonly LeafInput[], rejected?: readonly Rejection[]): Promise<AppendOutcome>;
  abstract size(): Promise<number>;
  abstract root(size: number): Promise<Buffer>;
  abstract inclusionProofs(indices: readonly number[], size: number): Promise<Buffer[][]>;
  abstract consistencyProof(m: number, n: number, options?: ReadOptions): Promise<Buffer[]>;
  /** Leaves `from` … `to` − 1, in index order. */
  abstract leaves(from: number, to: number): Promise<StoredLeaf[]>;
  abstract leafByEventId(eventId: string): Promise<StoredLeaf | undefined>;
  abstract leavesOfAggregate(aggregateId: string, limit: number): Promise<StoredLeaf[]>;
}
