/** Which event a leaf is and where it came from: recorded beside its bytes. */
export interface LeafOrigin {
  readonly eventId: string;
  /** The service whose event store holds the event (its sequence space). */
  readonly service: string;
  readonly sequence: number;
  readonly aggregateId: string;
  readonly type: string;
}

/** One event as the ledger appends it: its canonical bytes and where it came from. */
export interface LeafInput extends LeafOrigin {
  /** The RFC 8785 canonical bytes of the envelope: exactly what is hashed into the log. */
  readonly entry: Buffer;
}

/** A bus message the ledger could not take as an event, kept with the reason. */
export interface Rejection {
  /** `topic/partition@offset`: one row per message, however often it is redelivered. */
  readonly source: string;
  readonly eventId: string | null;
  readonly reason: string;
  readonly raw: Buffer;
}

export interface StoredLeaf extends LeafInput {
  readonly leafIndex: number;
  /** The leaf hash recorded when the entry was appended. */
  readonly leafHash: Buffer;
  readonly appendedAt: Date;
}

export interface AppendOutcome {
  /** Leaves added by this call. */
  readonly appended: number;
  /** Events already in the log (redeliveries), skipped. */
  readonly duplicates: number;
  readonly rejected: number;
  /** Tree size after the call. */
  readonly size: number;
}
