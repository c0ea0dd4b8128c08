import { decodeCursor, Page, pageLimit, pageOf } from '@custos/platform';
import { CheckpointRecords, StoredCheckpoint } from '../../domain/checkpoint-records.port';
import { LeafOrigin, StoredLeaf } from '../../domain/ledger-entry';
import { LedgerError } from '../../domain/ledger.errors';
import { MerkleLog } from '../../domain/merkle-log.port';

/** The log's public identity, as in every checkpoint and export. */
export interface LedgerIdentity {
  readonly origin: string;
  /** C2SP verifier key: `<name>+<hex key ID>+<base64(0x01 || public key)>`. */
  readonly publicKey: string;
}

export interface CheckpointView {
  readonly origin: string;
  readonly publicKey: string;
  readonly treeSize: number;
  readonly rootHash: string;
  /** The signed note (C2SP tlog-checkpoint), verifiable offline. */
  readonly checkpoint: string;
  readonly signedAt: string;
  /** Where its write-once copy lies in the object store. */
  readonly archivedAs: { readonly key: string; readonly versionId: string | null };
}

export interface EntryView extends LeafOrigin {
  readonly leafIndex: number;
  /** Base64 of the exact bytes hashed into the log. */
  readonly entry: string;
  readonly leafHash: string;
  readonly appendedAt: string;
}

export interface InclusionView {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: string;
  readonly inclusionProof: readonly string[];
  /** The signed checkpoint of `treeSize`, when one was published at exactly that size. */
  readonly checkpoint: string | null;
  readonly entry: EntryView;
}

export interface HistoryItem extends EntryView {
  /** The event itself (the entry, parsed). */
  readonly event: unknown;
  readonly inclusionProof: readonly string[];
}

export interface AggregateHistory {
  readonly aggregateId: string;
  readonly origin: string;
  readonly publicKey: string;
  readonly treeSize: number;
  readonly checkpoint: string;
  /** Events covered by the checkpoint, each with its proof against it. */
  readonly items: readonly HistoryItem[];
  /** Events appended after the checkpoint: proven once the next one is signed. */
  readonly pending: readonly EntryView[];
  /** True when the aggregate has more than the first 10 000 events shown here. */
  readonly truncated: boolean;
}

const b64 = (b: Buffer) => b.toString('base64');
export const MAX_ENTRIES_PAGE = 1000;
const MAX_HISTORY = 10_000;

function entryView({ entry, leafHash, appendedAt, ...origin }: StoredLeaf): EntryView {
  return { ...origin, entry: b64(entry), leafHash: b64(leafHash), appendedAt: appendedAt.toISOString() };
}

/** The read side of the ledger: checkpoints, entries and proofs, as the API and bundles serve them. */
export class LedgerQueries {
  constructor(
    private readonly log: MerkleLog,
    private readonly checkpoints: CheckpointRecords,
    readonly identity: LedgerIdentity,
  ) {}

  async latestCheckpoint(): Promise<CheckpointView> {
    return this.view(await this.requireCheckpoint());
  }

  /** A page of entries in log order after `cursor` (the leaf index of the last one given). */
  async entries(paging: { cursor?: string; limit?: number }): Promise<Page<EntryView> & { treeSize: number }> {
    const treeSize = await this.log.size();
    const after = decodeCursor(paging.cursor, ['number']);
    const from = after === undefined ? 0 : Number(after[0]) + 1;
    if (!Number.isSafeInteger(from) || from < 0 || from > treeSize) {
      throw new LedgerError('CUSTOS_LEDGER_SIZE_OUT_OF_RANGE', `the log holds ${treeSize} entries; from=${from}`);
    }
    const limit = Math.min(pageLimit(paging, 100), MAX_ENTRIES_PAGE);
    const leaves = await this.log.leaves(from, Math.min(from + limit + 1, treeSize));
    return { treeSize, ...pageOf(leaves.map(entryView), limit, (entry) => [entry.leafIndex]) };
  }

  /** Inclusion proof of one entry, against `treeSize` or else the latest signed checkpoint. */
  async inclusion(target: { leafIndex: number } | { eventId: string }, treeSize?: number): Promise<InclusionView> {
    const leaf =
      'eventId' in target
        ? await this.log.leafByEventId(target.eventId)
        : (await this.log.leaves(target.leafIndex, target.leafIndex + 1))[0];
    if (leaf === undefined) {
      throw 'eventId' in target
        ? new LedgerError('CUSTOS_LEDGER_EVENT_NOT_FOUND', `the ledger holds no event ${target.eventId}`)
        : new LedgerError('CUSTOS_LEDGER_ENTRY_NOT_FOUND', `the ledger holds no entry ${target.leafIndex}`);
    }
    let size = treeSize;
    let note: string | null = null;
    if (size === undefined) {
      const latest = await this.requireCheckpoint();
      size = latest.treeSize;
      note = latest.note;
    } else {
      const stored = await this.log.size();
      if (size > stored)
        throw new LedgerError(
          'CUSTOS_LEDGER_SIZE_OUT_OF_RANGE',
          `the log holds ${stored} entries; treeSize=${size}`,
        );
      note = (await this.checkpoints.atSize(size))?.note ?? null;
    }
    if (leaf.leafIndex >= size) {
      throw new LedgerError(
        'CUSTOS_LEDGER_NOT_YET_CHECKPOINTED',
        `entry ${leaf.leafIndex} is not in the tree of size ${size}${treeSize === undefined ? ' (the latest checkpoint); retry after the next' : ''}`,
      );
    }
    const [proof] = await this.log.inclusionProofs([leaf.leafIndex], size);
    return {
      leafIndex: leaf.leafIndex,
      treeSize: size,
      leafHash: b64(leaf.leafHash),
      inclusionProof: proof.map(b64),
      checkpoint: note,
      entry: entryView(leaf),
    };
  }

  async consistency(from: number, to: number): Promise<{ from: number; to: number; consistencyProof: string[] }> {
    const stored = await this.log.size();
    if (to > stored)
      throw new LedgerError('CUSTOS_LEDGER_SIZE_OUT_OF_RANGE', `the log holds ${stored} entries; to=${to}`);
    const proof = await this.log.consistencyProof(from, to);
    return { from, to, consistencyProof: proof.map(b64) };
  }

  /** Every event of one aggregate (a request, an evidence item), with proofs against the latest checkpoint. */
  async aggregateHistory(aggregateId: string): Promise<AggregateHistory> {
    const checkpoint = await this.requireCheckpoint();
    const leaves = await this.log.leavesOfAggregate(aggregateId, MAX_HISTORY + 1);
    const truncated = leaves.length > MAX_HISTORY;
    if (truncated) leaves.pop();
    if (leaves.length === 0) {
      throw new LedgerError(
        'CUSTOS_LEDGER_AGGREGATE_NOT_FOUND',
        `the ledger holds no event of aggregate ${aggregateId}`,
      );
    }
    const proven = leaves.filter((l) => l.leafIndex < checkpoint.treeSize);
    const proofs = await this.log.inclusionProofs(
      proven.map((l) => l.leafIndex),
      checkpoint.treeSize,
    );
    return {
      aggregateId,
      ...this.identity,
      treeSize: checkpoint.treeSize,
      checkpoint: checkpoint.note,
      items: proven.map((leaf, i) => ({
        ...entryView(leaf),
        event: JSON.parse(leaf.entry.toString('utf8')),
        inclusionProof: proofs[i].map(b64),
      })),
      pending: leaves.filter((l) => l.leafIndex >= checkpoint.treeSize).map(entryView),
      truncated,
    };
  }

  private async requireCheckpoint(): Promise<StoredCheckpoint> {
    const latest = await this.checkpoints.latest();
    if (latest === undefined)
      throw new LedgerError('CUSTOS_LEDGER_NO_CHECKPOINT', 'no checkpoint has been signed yet');
    return latest;
  }

  private view(c: StoredCheckpoint): CheckpointView {
    return {
      ...this.identity,
      treeSize: c.treeSize,
      rootHash: b64(c.rootHash),
      checkpoint: c.note,
      signedAt: c.signedAt.toISOString(),
      archivedAs: { key: c.objectKey, versionId: c.objectVersion },
    };
  }
}
