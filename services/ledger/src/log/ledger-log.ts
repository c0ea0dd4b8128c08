import { CompactRange, CompletedNode, hashesEqual, leafHash, NodeId, rootPlan } from '@custos/ledger-core';
import { consistencyProofPlan, inclusionProofPlan, assembleProof, EMPTY_ROOT, ProofPlan } from '@custos/ledger-core';
import { inTransaction } from '@custos/eventstore';
import { Pool, PoolClient } from 'pg';
import { AppendOutcome, LeafInput, Rejection, StoredLeaf } from './ledger-entry';
import { LedgerError, LedgerIntegrityError } from './ledger-errors';
import { SequenceProgress, ServiceProgress } from './sequence-progress';

type Queryable = Pool | PoolClient;
type HashedLeaf = LeafInput & { readonly hash: Buffer };

/** What the appender holds between batches: valid only while the stored size equals `range.size`. */
interface AppenderState {
  readonly range: CompactRange;
  readonly progress: SequenceProgress;
}

const LEAF_COLUMNS = `l.leaf_index, l.event_id, l.service, l.service_sequence, l.aggregate_id, l.event_type,
  l.entry, l.appended_at, n.hash AS leaf_hash`;
const LEAF_FROM = 'ledger_leaves l JOIN ledger_nodes n ON n.level = 0 AND n.node_index = l.leaf_index';

function toLeaf(r: Record<string, unknown>): StoredLeaf {
  return {
    leafIndex: Number(r.leaf_index),
    eventId: r.event_id as string,
    service: r.service as string,
    sequence: Number(r.service_sequence),
    aggregateId: r.aggregate_id as string,
    type: r.event_type as string,
    entry: r.entry as Buffer,
    leafHash: r.leaf_hash as Buffer,
    appendedAt: r.appended_at as Date,
  };
}

function nodeKey(level: number, index: number): string {
  return `${level}:${index}`;
}

/**
 * The Merkle log on Postgres (RFC 9162): appends batches of events as leaves, keeps every
 * complete subtree hash, and serves roots and proofs as one query of O(log n) rows.
 *
 * Appends are serialised by a transaction-level advisory lock, so replicas may all append:
 * each batch reads the stored size under the lock and reloads its O(log n) border only when
 * another writer moved it. De-duplication is by event id, checked under the same lock and
 * backed by a unique constraint: a redelivered event is never a second leaf.
 */
export class LedgerLog {
  private state?: AppenderState;
  private readonly listeners: Array<(size: number) => void> = [];

  constructor(private readonly pool: Pool) {}

  /** Called after every committed append that added leaves, with the new size. */
  onAppended(listener: (size: number) => void): void {
    this.listeners.push(listener);
  }

  /** Appends `leaves` in order, skipping events already in the log, and records `rejected`. */
  async append(leaves: readonly LeafInput[], rejected: readonly Rejection[] = []): Promise<AppendOutcome> {
    let outcome: AppendOutcome;
    try {
      outcome = await inTransaction(this.pool, (tx) => this.appendIn(tx, leaves, rejected));
    } catch (error) {
      // The border and progress were advanced in memory for a batch that did not commit.
      this.state = undefined;
      throw error;
    }
    if (outcome.appended > 0) this.listeners.forEach((l) => l(outcome.size));
    return outcome;
  }

  async size(q: Queryable = this.pool): Promise<number> {
    const { rows } = await q.query('SELECT coalesce(max(node_index) + 1, 0) AS size FROM ledger_nodes WHERE level = 0');
    return Number(rows[0].size);
  }

  /** Node hashes in the order asked, in one query; a node that should exist and does not is corruption. */
  async readNodes(nodes: readonly NodeId[], q: Queryable = this.pool): Promise<Buffer[]> {
    if (nodes.length === 0) return [];
    const { rows } = await q.query(
      `SELECT n.level, n.node_index, n.hash
         FROM unnest($1::smallint[], $2::bigint[]) AS want(level, node_index)
         JOIN ledger_nodes n USING (level, node_index)`,
      [nodes.map((n) => n.level), nodes.map((n) => n.index)],
    );
    const found = new Map<string, Buffer>(rows.map((r) => [nodeKey(r.level, Number(r.node_index)), r.hash as Buffer]));
    return nodes.map(({ level, index }) => {
      const hash = found.get(nodeKey(level, index));
      if (hash === undefined) throw new LedgerIntegrityError(`stored tree lacks node (level ${level}, index ${index})`);
      return hash;
    });
  }

  /** Folds several plans from one query. */
  async assemble(plans: readonly ProofPlan[], q: Queryable = this.pool): Promise<Buffer[][]> {
    const all = plans.flatMap((p) => p.nodes);
    const unique = [...new Map(all.map((n) => [nodeKey(n.level, n.index), n])).values()];
    const hashes = await this.readNodes(unique, q);
    const byKey = new Map(unique.map((n, i) => [nodeKey(n.level, n.index), hashes[i]]));
    return plans.map((plan) =>
      assembleProof(
        plan,
        plan.nodes.map((n) => byKey.get(nodeKey(n.level, n.index)) as Buffer),
      ),
    );
  }

  async root(size: number, q: Queryable = this.pool): Promise<Buffer> {
    if (size === 0) return Buffer.from(EMPTY_ROOT);
    const [[root]] = await this.assemble([rootPlan(size)], q);
    return root;
  }

  /** Inclusion proofs of several leaves in one tree size, from one query. */
  async inclusionProofs(indices: readonly number[], size: number): Promise<Buffer[][]> {
    const plans = indices.map((index) => {
      const plan = inclusionProofPlan(index, size);
      if (!plan.ok) throw new LedgerError('CUSTOS_LEDGER_SIZE_OUT_OF_RANGE', 400, plan.error.message);
      return plan.value;
    });
    return this.assemble(plans);
  }

  async consistencyProof(m: number, n: number): Promise<Buffer[]> {
    const plan = consistencyProofPlan(m, n);
    if (!plan.ok) throw new LedgerError('CUSTOS_LEDGER_SIZE_OUT_OF_RANGE', 400, plan.error.message);
    const [proof] = await this.assemble([plan.value]);
    return proof;
  }

  /** Leaves [from, to) in log order, each with its recorded leaf hash. */
  async leaves(from: number, to: number, q: Queryable = this.pool): Promise<StoredLeaf[]> {
    const { rows } = await q.query(
      `SELECT ${LEAF_COLUMNS} FROM ${LEAF_FROM} WHERE l.leaf_index >= $1 AND l.leaf_index < $2 ORDER BY l.leaf_index`,
      [from, to],
    );
    return rows.map(toLeaf);
  }

  async leafByEventId(eventId: string): Promise<StoredLeaf | undefined> {
    const { rows } = await this.pool.query(`SELECT ${LEAF_COLUMNS} FROM ${LEAF_FROM} WHERE l.event_id = $1`, [
      eventId.toLowerCase(),
    ]);
    return rows.length === 0 ? undefined : toLeaf(rows[0]);
  }

  /** Every leaf of one aggregate (a request, an evidence item), in log order. */
  async leavesOfAggregate(aggregateId: string, limit: number): Promise<StoredLeaf[]> {
    const { rows } = await this.pool.query(
      `SELECT ${LEAF_COLUMNS} FROM ${LEAF_FROM} WHERE l.aggregate_id = $1 ORDER BY l.leaf_index LIMIT $2`,
      [aggregateId, limit],
    );
    return rows.map(toLeaf);
  }

  /**
   * Five round trips whatever the batch size: BEGIN, the lock, size and known ids together,
   * one statement writing leaves, nodes and progress, COMMIT. (The lock must be a statement of
   * its own: a statement's snapshot is taken before it runs, so a size read beside the lock
   * could be stale.)
   */
  private async appendIn(
    tx: PoolClient,
    leaves: readonly LeafInput[],
    rejected: readonly Rejection[],
  ): Promise<AppendOutcome> {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('custos.ledger.append'))");
    const ids = [...new Set(leaves.map((l) => l.eventId))];
    // Named statements: each connection plans them once.
    const { rows } = await tx.query({
      name: 'ledger-append-head',
      text: `SELECT (SELECT coalesce(max(node_index) + 1, 0) FROM ledger_nodes WHERE level = 0) AS size,
                    ARRAY(SELECT leaf_index FROM ledger_leaves WHERE event_id = ANY($1::uuid[])) AS present`,
      values: [ids],
    });
    const storedSize = Number(rows[0].size);
    const state = await this.stateAt(tx, storedSize);
    const { fresh, conflicts } = await this.freshLeaves(tx, leaves, rows[0].present as string[]);
    const refused = [...rejected, ...conflicts];
    if (refused.length > 0) await this.insertRejections(tx, refused);
    if (fresh.length === 0) {
      return { appended: 0, duplicates: leaves.length - conflicts.length, rejected: refused.length, size: storedSize };
    }

    const nodes: CompletedNode[] = [];
    const changed = new Set<string>();
    for (const leaf of fresh) {
      nodes.push(...state.range.append(leaf.hash));
      if (state.progress.record(leaf.service, leaf.sequence)) changed.add(leaf.service);
    }
    const services = [...changed];
    const progress = services.map((service) => state.progress.get(service) as ServiceProgress);
    await tx.query({
      name: 'ledger-append-rows',
      text: `WITH leaves AS (
         INSERT INTO ledger_leaves (leaf_index, event_id, service, service_sequence, aggregate_id, event_type, entry)
         SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::bytea[])
       ), nodes AS (
         INSERT INTO ledger_nodes (level, node_index, hash) SELECT * FROM unnest($8::smallint[], $9::bigint[], $10::bytea[])
       )
       INSERT INTO ledger_sequence_progress (service, contiguous_through, highest_seen)
       SELECT * FROM unnest($11::text[], $12::bigint[], $13::bigint[])
       ON CONFLICT (service) DO UPDATE SET contiguous_through = excluded.contiguous_through, highest_seen = excluded.highest_seen`,
      values: [
        fresh.map((_, i) => storedSize + i),
        fresh.map((l) => l.eventId),
        fresh.map((l) => l.service),
        fresh.map((l) => l.sequence),
        fresh.map((l) => l.aggregateId),
        fresh.map((l) => l.type),
        fresh.map((l) => l.entry),
        nodes.map((n) => n.level),
        nodes.map((n) => n.index),
        nodes.map((n) => n.hash),
        services,
        progress.map((p) => p.contiguousThrough),
        progress.map((p) => p.highestSeen),
      ],
    });
    return {
      appended: fresh.length,
      duplicates: leaves.length - fresh.length - conflicts.length,
      rejected: refused.length,
      size: state.range.size,
    };
  }

  /**
   * The batch without events already in the log or repeated in the batch. The same event id
   * with other bytes is not a redelivery but a second version of a fact: it is refused.
   */
  private async freshLeaves(
    tx: PoolClient,
    leaves: readonly LeafInput[],
    present: readonly string[],
  ): Promise<{ fresh: HashedLeaf[]; conflicts: Rejection[] }> {
    // Redeliveries are the exception: only then are the recorded hashes read, to compare bytes.
    const { rows } =
      present.length === 0
        ? { rows: [] }
        : await tx.query(
            `SELECT l.event_id, n.hash FROM ledger_leaves l JOIN ledger_nodes n ON n.level = 0 AND n.node_index = l.leaf_index
              WHERE l.leaf_index = ANY($1::bigint[])`,
            [present],
          );
    const known = new Map<string, Buffer>(rows.map((r) => [r.event_id as string, r.hash as Buffer]));
    const fresh: HashedLeaf[] = [];
    const conflicts: Rejection[] = [];
    for (const leaf of leaves) {
      const hash = leafHash(leaf.entry);
      const stored = known.get(leaf.eventId);
      if (stored === undefined) {
        known.set(leaf.eventId, hash);
        fresh.push({ ...leaf, hash });
      } else if (!hashesEqual(stored, hash)) {
        conflicts.push({
          source: `event/${leaf.eventId}/${hash.toString('hex')}`,
          eventId: leaf.eventId,
          reason: 'the ledger holds this event id with other bytes',
          raw: leaf.entry,
        });
      }
    }
    return { fresh, conflicts };
  }

  private async insertRejections(tx: PoolClient, rejected: readonly Rejection[]): Promise<void> {
    await tx.query(
      `INSERT INTO ledger_rejected (source, event_id, reason, raw)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[]) ON CONFLICT (source) DO NOTHING`,
      [
        rejected.map((r) => r.source),
        rejected.map((r) => r.eventId),
        rejected.map((r) => r.reason),
        rejected.map((r) => r.raw),
      ],
    );
  }

  /** The appender's border and progress at `size`, reloaded in O(log n) rows when stale. */
  private async stateAt(tx: PoolClient, size: number): Promise<AppenderState> {
    if (this.state !== undefined && this.state.range.size === size) return this.state;
    this.state = undefined;
    const border = await this.readNodes(rootPlan(size).nodes, tx);
    const range = size === 0 ? CompactRange.empty() : CompactRange.fromBorder(size, border);
    const progress = new SequenceProgress();
    const { rows } = await tx.query('SELECT service, contiguous_through, highest_seen FROM ledger_sequence_progress');
    for (const r of rows) {
      const through = Number(r.contiguous_through);
      const above = new Set<number>();
      if (Number(r.highest_seen) > through) {
        const seen = await tx.query(
          'SELECT service_sequence FROM ledger_leaves WHERE service = $1 AND service_sequence > $2',
          [r.service, through],
        );
        seen.rows.forEach((s) => above.add(Number(s.service_sequence)));
      }
      progress.set(r.service, { contiguousThrough: through, highestSeen: Number(r.highest_seen), above });
    }
    this.state = { range, progress };
    return this.state;
  }
}
