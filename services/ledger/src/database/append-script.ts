import type { Connection } from 'pg';
import { CompletedNode, HASH_SIZE } from '@custos/ledger-core';
import { LeafInput } from '../domain/ledger-entry';
import { ServiceProgress } from './sequence-progress';

/** PostgreSQL's binary COPY header (signature, flags, extension length). */
const COPY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const COPY_TRAILER = Buffer.from([0xff, 0xff]);
const COPY_DONE = Buffer.from([0x63, 0, 0, 0, 4]);

/** The SQLSTATE the script raises when the stored log does not end where the appender thinks. */
export const STALE_APPENDER = 'LG001';

/**
 * ledger_leaves rows from `first` on, in binary COPY format, written straight into one buffer:
 * no per-field temporaries, integers without BigInt (indices and sequences are below 2^53).
 */
export function leavesCopy(leaves: readonly LeafInput[], first: number): Buffer {
  let size = COPY_HEADER.length + COPY_TRAILER.length;
  for (const leaf of leaves) {
    // 7 fields: leaf_index int8, event_id uuid, service, service_sequence int8, aggregate_id, event_type, entry.
    size += 2 + 7 * 4 + 8 + 16 + 8 + leaf.entry.length;
    size += Buffer.byteLength(leaf.service) + Buffer.byteLength(leaf.aggregateId) + Buffer.byteLength(leaf.type);
  }
  const out = Buffer.allocUnsafe(size);
  let at = COPY_HEADER.copy(out, 0);
  const text = (value: string) => {
    const length = out.write(value, at + 4, 'utf8');
    out.writeInt32BE(length, at);
    at += 4 + length;
  };
  const int8 = (n: number) => {
    at = out.writeInt32BE(8, at);
    at = out.writeUInt32BE(Math.floor(n / 2 ** 32), at);
    at = out.writeUInt32BE(n % 2 ** 32, at);
  };
  leaves.forEach((leaf, i) => {
    at = out.writeInt16BE(7, at);
    int8(first + i);
    at = out.writeInt32BE(16, at);
    at += out.write(leaf.eventId.replace(/-/g, ''), at, 16, 'hex');
    text(leaf.service);
    int8(leaf.sequence);
    text(leaf.aggregateId);
    text(leaf.type);
    at = out.writeInt32BE(leaf.entry.length, at);
    at += leaf.entry.copy(out, at);
  });
  COPY_TRAILER.copy(out, at);
  return out;
}

/** ledger_nodes rows in binary COPY format. */
export function nodesCopy(nodes: readonly CompletedNode[]): Buffer {
  const out = Buffer.allocUnsafe(COPY_HEADER.length + nodes.length * (2 + 4 + 2 + 4 + 8 + 4 + HASH_SIZE) + 2);
  let at = COPY_HEADER.copy(out, 0);
  for (const n of nodes) {
    at = out.writeInt16BE(3, at);
    at = out.writeInt32BE(2, at);
    at = out.writeInt16BE(n.level, at);
    at = out.writeInt32BE(8, at);
    at = out.writeUInt32BE(Math.floor(n.index / 2 ** 32), at);
    at = out.writeUInt32BE(n.index % 2 ** 32, at);
    at = out.writeInt32BE(HASH_SIZE, at);
    at += n.hash.copy(out, at);
  }
  COPY_TRAILER.copy(out, at);
  return out;
}

/**
 * The whole append of one batch as one simple-protocol Query: its statements run as one
 * implicit transaction, committed (durably) after the last. First the append lock and the
 * check that the stored log ends just before `first` (else SQLSTATE STALE_APPENDER), then a
 * binary COPY of the leaves and one of the nodes, then the sequence progress.
 */
export function appendScript(
  first: number,
  lock: string,
  progress: ReadonlyArray<readonly [string, ServiceProgress]>,
  escape: (text: string) => string,
): string {
  const upsert =
    progress.length === 0
      ? ''
      : `INSERT INTO ledger_sequence_progress (service, contiguous_through, highest_seen) VALUES ${progress
          .map(([service, p]) => `(${escape(service)}, ${p.contiguousThrough}, ${p.highestSeen})`)
          .join(', ')}
 ON CONFLICT (service) DO UPDATE SET contiguous_through = excluded.contiguous_through, highest_seen = excluded.highest_seen;`;
  return `DO $$ BEGIN
  PERFORM pg_advisory_xact_lock(${lock});
  IF ${first} > 0 AND NOT EXISTS (SELECT 1 FROM ledger_leaves WHERE leaf_index = ${first - 1}) THEN
    RAISE EXCEPTION 'the stored log does not end at leaf ${first - 1}' USING ERRCODE = '${STALE_APPENDER}';
  END IF;
END $$;
COPY ledger_leaves (leaf_index, event_id, service, service_sequence, aggregate_id, event_type, entry) FROM STDIN (FORMAT binary);
COPY ledger_nodes (level, node_index, hash) FROM STDIN (FORMAT binary);
${upsert}`;
}

/**
 * Runs a script holding COPY … FROM STDIN statements in one round trip: the Query and every
 * COPY's data go out without waiting for each CopyInResponse. The server reads each COPY's
 * data as it reaches that statement; after an error it skips the rest of the script and
 * ignores the data still coming (the protocol says so), so nothing is half written. A COPY's
 * data may be given as a function: it is computed after the data before it is sent, so the
 * server works on those rows meanwhile (the ledger hashes the tree while its leaves are
 * written). A node-postgres Submittable: `client.query(script)`, then `await script.done`.
 */
export class CopyScript {
  readonly done: Promise<void>;
  private settle!: { resolve: () => void; reject: (error: unknown) => void };
  private failed = false;

  constructor(
    private readonly text: string,
    private readonly copies: ReadonlyArray<Buffer | (() => Buffer)>,
  ) {
    this.done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
  }

  submit(connection: Connection): void {
    connection.query(this.text);
    const stream = (connection as unknown as { stream: NodeJS.WritableStream }).stream;
    for (const copy of this.copies) {
      let data: Buffer;
      try {
        data = typeof copy === 'function' ? copy() : copy;
      } catch (error) {
        // The server waits for this COPY's data: refusing it rolls the script back.
        (connection as unknown as { sendCopyFail(message: string): void }).sendCopyFail(String((error as Error)?.message ?? error));
        this.failed = true;
        this.settle.reject(error);
        return;
      }
      const head = Buffer.allocUnsafe(5);
      head[0] = 0x64; // CopyData
      head.writeUInt32BE(data.length + 4, 1);
      stream.write(head);
      stream.write(data);
      stream.write(COPY_DONE);
    }
  }

  // Called by node-postgres; the data is on its way already.
  handleCopyInResponse(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleCommandComplete(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
  callback(): void {}

  handleError(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.settle.reject(error);
  }

  handleReadyForQuery(): void {
    if (!this.failed) this.settle.resolve();
  }
}
