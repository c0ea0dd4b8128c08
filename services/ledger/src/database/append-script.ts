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

/** Which ends of the binary COPY stream a part of its data carries. */
interface CopyPart {
  readonly header: boolean;
  readonly trailer: boolean;
}
const WHOLE: CopyPart = { header: true, trailer: true };

/**
 * ledger_leaves rows from `first` on, in binary COPY format, written straight into one buffer:
 * no per-field temporaries, integers without BigInt (indices and sequences are below 2^53).
 * With `hashes` (the ledger's own rows) each row ends with its leaf hash; without, the rows
 * are the events' fields only (the bench's bare baseline). `part` says whether the buffer
 * begins and ends the stream (see hashedLeavesCopy).
 */
export function leavesCopy(leaves: readonly LeafInput[], first: number, hashes?: readonly Buffer[], part = WHOLE): Buffer {
  const fields = hashes === undefined ? 7 : 8;
  let size = (part.header ? COPY_HEADER.length : 0) + (part.trailer ? COPY_TRAILER.length : 0);
  for (const leaf of leaves) {
    // leaf_index int8, event_id uuid, service, service_sequence int8, aggregate_id, event_type, entry[, leaf_hash].
    size += 2 + fields * 4 + 8 + 16 + 8 + leaf.entry.length + (fields - 7) * HASH_SIZE;
    size += Buffer.byteLength(leaf.service) + Buffer.byteLength(leaf.aggregateId) + Buffer.byteLength(leaf.type);
  }
  const out = Buffer.allocUnsafe(size);
  let at = part.header ? COPY_HEADER.copy(out, 0) : 0;
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
  const bytes = (value: Buffer) => {
    at = out.writeInt32BE(value.length, at);
    at += value.copy(out, at);
  };
  leaves.forEach((leaf, i) => {
    at = out.writeInt16BE(fields, at);
    int8(first + i);
    at = out.writeInt32BE(16, at);
    at += out.write(leaf.eventId.replace(/-/g, ''), at, 16, 'hex');
    text(leaf.service);
    int8(leaf.sequence);
    text(leaf.aggregateId);
    text(leaf.type);
    bytes(leaf.entry);
    if (hashes !== undefined) bytes(hashes[i]);
  });
  if (part.trailer) COPY_TRAILER.copy(out, at);
  return out;
}

/**
 * The ledger's leaves from `first` on, as binary COPY data in parts of `per` rows, each part
 * hashed only when it is about to be sent (CopyScript takes the parts one by one), so Postgres
 * writes one part while the next is hashed. Pushes each leaf's hash to `hashes` on the way.
 */
export function* hashedLeavesCopy(
  leaves: readonly LeafInput[],
  first: number,
  hash: (entry: Buffer) => Buffer,
  hashes: Buffer[],
  per: number,
): Generator<Buffer> {
  for (let from = 0; from < leaves.length; from += per) {
    const part = leaves.slice(from, from + per);
    const partHashes = part.map((leaf) => hash(leaf.entry));
    hashes.push(...partHashes);
    yield leavesCopy(part, first + from, partHashes, { header: from === 0, trailer: from + per >= leaves.length });
  }
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
 * binary COPY of the leaves (with their hashes) and one of the nodes above them, then the
 * sequence progress.
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
COPY ledger_leaves (leaf_index, event_id, service, service_sequence, aggregate_id, event_type, entry, leaf_hash) FROM STDIN (FORMAT binary);
COPY ledger_nodes (level, node_index, hash) FROM STDIN (FORMAT binary);
${upsert}`;
}

/**
 * Runs a script holding COPY … FROM STDIN statements in one round trip: the Query and every
 * COPY's data go out without waiting for each CopyInResponse. The server reads each COPY's
 * data as it reaches that statement; after an error it skips the rest of the script and
 * ignores the data still coming (the protocol says so), so nothing is half written. A COPY's
 * data may be given as a function, or as parts (an iterable, as a generator's): each is
 * computed after the data before it is sent, so the server works on those rows meanwhile (the
 * ledger hashes leaves and tree while the leaves before are written). A node-postgres
 * Submittable: `client.query(script)`, then `await script.done`.
 */
export class CopyScript {
  readonly done: Promise<void>;
  private settle!: { resolve: () => void; reject: (error: unknown) => void };
  private failed = false;

  constructor(
    private readonly text: string,
    private readonly copies: ReadonlyArray<Buffer | (() => Buffer) | Iterable<Buffer>>,
  ) {
    this.done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
  }

  submit(connection: Connection): void {
    connection.query(this.text);
    const stream = (connection as unknown as { stream: NodeJS.WritableStream }).stream;
    for (const copy of this.copies) {
      try {
        for (const data of Buffer.isBuffer(copy) ? [copy] : typeof copy === 'function' ? [copy()] : copy) {
          const head = Buffer.allocUnsafe(5);
          head[0] = 0x64; // CopyData
          head.writeUInt32BE(data.length + 4, 1);
          stream.write(head);
          stream.write(data);
        }
      } catch (error) {
        // The server waits for the rest of this COPY's data: refusing it rolls the script back.
        (connection as unknown as { sendCopyFail(message: string): void }).sendCopyFail(String((error as Error)?.message ?? error));
        this.failed = true;
        this.settle.reject(error);
        return;
      }
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
