import { CompactRange, CompletedNode, hashesEqual, HASH_SIZE, leafHash, NodeId, rootPlan } from '@custos/ledger-core';
import { consistencyProofPlan, inclusionProofPlan, assembleProof, EMPTY_ROOT, ProofPlan } from '@custos/ledger-core';
import { inTransaction } from '@custos/eventstore';
import { escapeLiteral, Pool, PoolClient } from 'pg';
import { appendScript, CopyScript, hashedLeavesCopy, nodesCopy, STALE_APPENDER } from './append-script';
import { AppendOutcome, LeafInput, Rejection, StoredLeaf } from '../domain/ledger-entry';
import { LedgerError, LedgerIntegrityError } from '../domain/ledger.errors';
import { MerkleLog, ReadOptions } from '../domain/merkle-log.port';
import { SequenceProgress, ServiceProgress } from './sequence-progress';
import { coalesceRanges, foldPerfect, NodeCache, STORED_LEVEL_STEP, storedNodes, storedRangeOf } from '../domain/stored-nodes';

type Queryable = Pool | PoolClient;
type HashedLeaf = LeafInput & { readonly hash: Buffer };

/** What the appender holds between batches: valid only while the stored size equals `range.size`. */
interface AppenderState {
  readonly range: CompactRange;
  readonly progress: SequenceProgress;
}

const LEAF_COLUMNS = `l.leaf_index, l.event_id, l.service, l.service_sequence, l.aggregate_id, l.event_type,
  l.entry, l.appended_at, l.leaf_hash`;
const LEAF_FROM = 'ledger_leaves l';

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

/** Node hashes kept for proofs: 2^16 × ~100 bytes ≈ 6 MB, the top of a 10 M tree and the hot paths. */
const PROOF_CACHE_NODES = 65_536;

const APPEND_LOCK = "hashtext('custos.ledger.append')";

/**
 * Batches of this many leaves or more are written by COPY (append-script.ts), smaller ones by
 * one INSERT statement. bench:ledger, one event per transaction: the script's four statements
 * cost a single event ~0.1× of a one-row INSERT's rate more than APPEND_ROWS does.
 */
const COPY_FROM = 32;

/** A COPY script's leaves are hashed and sent in parts of this many (see copyScript). */
const LEAVES_PER_PART = 128;

/**
 * Writes one batch — leaves with their hashes, the stored nodes above them and sequence
 * progress — in one statement. Entries, leaf hashes and node hashes travel as one binary bytea
 * each, cut with substring: bytea arrays would go as hex text, twice the bytes, parsed element
 * by element.
 *
 * The statement takes the append lock itself and writes only if the leaf before the first
 * one it writes is there (`extends`). The slow path's write, and the fast path's for a small
 * batch; a large one goes by COPY (append-script.ts).
 */
const APPEND_ROWS = `WITH head AS (
   SELECT pg_advisory_xact_lock(${APPEND_LOCK}) IS NOT NULL
          AND ($1::bigint = 0 OR EXISTS (SELECT 1 FROM ledger_leaves WHERE leaf_index = $1::bigint - 1)) AS extends
 ), leaves AS (
   INSERT INTO ledger_leaves (leaf_index, event_id, service, service_sequence, aggregate_id, event_type, entry, leaf_hash)
   SELECT $1::bigint + u.i - 1, u.event_id, u.service, u.seq, u.aggregate_id, u.event_type,
          substring($7::bytea FROM u.at + 1 FOR u.len), substring($16::bytea FROM (u.i::int - 1) * ${HASH_SIZE} + 1 FOR ${HASH_SIZE})
     FROM unnest($2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::text[], $8::int[], $9::int[])
          WITH ORDINALITY AS u(event_id, service, seq, aggregate_id, event_type, at, len, i)
    WHERE (SELECT extends FROM head)
 ), nodes AS (
   INSERT INTO ledger_nodes (level, node_index, hash)
   SELECT n.level, n.node_index, substring($12::bytea FROM (n.i::int - 1) * ${HASH_SIZE} + 1 FOR ${HASH_SIZE})
     FROM unnest($10::smallint[], $11::bigint[]) WITH ORDINALITY AS n(level, node_index, i)
    WHERE (SELECT extends FROM head)
 ), progress AS (
   INSERT INTO ledger_sequence_progress (service, contiguous_through, highest_seen)
   SELECT * FROM unnest($13::text[], $14::bigint[], $15::bigint[]) WHERE (SELECT extends FROM head)
   ON CONFLICT (service) DO UPDATE SET contiguous_through = excluded.contiguous_through, highest_seen = excluded.highest_seen
 )
 SELECT extends FROM head`;

/**
 * Reads the stored ranges whose folds are the nodes asked for (see stored-nodes.ts), each as
 * one index range scan: level 0 from the leaves' rows, which hold their hashes, any other from
 * ledger_nodes (only the branch of the wanted level runs). As a plain join (or a LATERAL the
 * planner flattens into one), the prepared statement's generic plan misjudges the range
 * conditions and hash-joins a parallel scan of the whole table: 1.7 s at 3 M leaves instead of
 * 0.2 ms. OFFSET 0 keeps the subquery
 * apart, so it runs per range on the primary key.
 */
const READ_NODES = `SELECT n.level, n.node_index, n.hash
  FROM unnest($1::smallint[], $2::bigint[], $3::bigint[]) AS want(level, lo, hi)
  CROSS JOIN LATERAL (
    SELECT 0::smallint AS level, leaf_index AS node_index, leaf_hash AS hash FROM ledger_leaves
     WHERE want.level = 0 AND leaf_index >= want.lo AND leaf_index < want.hi
    UNION ALL
    SELECT level, node_index, hash FROM ledger_nodes
     WHERE want.level > 0 AND level = want.level AND node_index >= want.lo AND node_index < want.hi
    LIMIT ${2 ** STORED_LEVEL_STEP}
  ) n`;

/**
 * Advances `state` over `fresh`: the stored nodes the batch completes, and the services whose
 * progress it changes. The caller drops `state` if the write does not commit.
 */
function advance(
  state: AppenderState,
  fresh: readonly HashedLeaf[],
): { nodes: CompletedNode[]; progress: Array<[string, ServiceProgress]> } {
  return { progress: advanceProgress(state, fresh), nodes: advanceRange(state, fresh.map((l) => l.hash)) };
}

/** Records the leaves' sequence numbers; answers the progress of each service that changed. */
function advanceProgress(state: AppenderState, leaves: readonly LeafInput[]): Array<[string, ServiceProgress]> {
  const changed = new Set<string>();
  for (const leaf of leaves) if (state.progress.record(leaf.service, leaf.sequence)) changed.add(leaf.service);
  return [...changed].map((service) => [service, state.progress.get(service) as ServiceProgress]);
}

/**
 * Appends the leaf hashes to the border; answers the ledger_nodes rows they complete: the
 * stored nodes above level 0 (a leaf's hash is a column of its own row).
 */
function advanceRange(state: AppenderState, hashes: readonly Buffer[]): CompletedNode[] {
  const nodes: CompletedNode[] = [];
  for (const hash of hashes) nodes.push(...storedNodes(state.range.append(hash)).filter((n) => n.level > 0));
  return nodes;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === '23505';
}

function offsets(lengths: readonly number[]): number[] {
  let at = 0;
  return lengths.map((n) => {
    const from = at;
    at += n;
    return from;
  });
}

/**
 * The Merkle log on Postgres (RFC 9162): appends batches of events as leaves, each row with its
 * leaf hash, keeps the complete subtree hashes of every other level above (stored-nodes.ts,
 * ledger_nodes), and serves roots and proofs as one query of O(log n) rows.
 *
 * Appends are serialised by a transaction-level advisory lock, so replicas may all append.
 * An appender whose in-memory state is current writes a batch as one script in one round trip
 * and one commit (append-script.ts: the lock and a check that the log ends where the state
 * says, then binary COPY of leaves and nodes). With the primary keys (a leaf index or node
 * written twice) and the unique event id, a stale appender gets a unique violation or
 * STALE_APPENDER and writes nothing. That, or any other doubt (first batch, a redelivered
 * event, rejections to record) takes the slow path: a transaction that reads the stored size
 * and the known event ids under the lock, reloads the O(log n) border when it moved, and
 * writes with APPEND_ROWS.
 * De-duplication is by event id, backed by a unique constraint: a redelivered event is never
 * a second leaf.
 */
export class LedgerLog implements MerkleLog {
  private state?: AppenderState;
  private readonly listeners: Array<(size: number) => void> = [];
  private readonly cache = new NodeCache(PROOF_CACHE_NODES);

  constructor(private readonly pool: Pool) {}

  /** Called after every committed append that added leaves, with the new size. */
  onAppended(listener: (size: number) => void): void {
    this.listeners.push(listener);
  }

  /** Appends `leaves` in order, skipping events already in the log, and records `rejected`. */
  async append(leaves: readonly LeafInput[], rejected: readonly Rejection[] = []): Promise<AppendOutcome> {
    let outcome: AppendOutcome | undefined;
    try {
      if (rejected.length === 0) outcome = await this.appendCurrent(leaves);
      outcome ??= await inTransaction(this.pool, (tx) => this.appendIn(tx, leaves, rejected));
    } catch (error) {
      // The border and progress were advanced in memory for a batch that did not commit.
      this.state = undefined;
      throw error;
    }
    if (outcome.appended > 0) this.listeners.forEach((l) => l(outcome.size));
    return outcome;
  }

  async size(q: Queryable = this.pool): Promise<number> {
    const { rows } = await q.query('SELECT coalesce(max(leaf_index) + 1, 0) AS size FROM ledger_leaves');
    return Number(rows[0].size);
  }

  /**
   * Node hashes in the order asked, from one query of the stored ranges below them; a node that
   * should exist and does not is corruption.
   */
  async readNodes(nodes: readonly NodeId[], q: Queryable = this.pool, options: ReadOptions = {}): Promise<Buffer[]> {
    const cache = options.cached === true ? this.cache : undefined;
    const known = new Map<string, Buffer>();
    const wanted = new Map<string, NodeId>();
    for (const node of nodes) {
      const key = nodeKey(node.level, node.index);
      const hit = cache?.get(key);
      if (hit !== undefined) known.set(key, hit);
      else wanted.set(key, node);
    }
    if (wanted.size > 0) {
      const ranges = coalesceRanges([...wanted.values()].map(storedRangeOf));
      const { rows } = await q.query({
        name: 'ledger-read-nodes',
        text: READ_NODES,
        values: [ranges.map((r) => r.level), ranges.map((r) => r.from), ranges.map((r) => r.to)],
      });
      const stored = new Map<string, Buffer>(
        rows.map((r) => [nodeKey(r.level, Number(r.node_index)), r.hash as Buffer]),
      );
      for (const [key, node] of wanted) {
        const { level, from, to } = storedRangeOf(node);
        const below: Buffer[] = [];
        for (let index = from; index < to; index++) {
          const hash = stored.get(nodeKey(level, index));
          if (hash === undefined) {
            throw new LedgerIntegrityError(`stored tree lacks node (level ${level}, index ${index})`);
          }
          below.push(hash);
        }
        const hash = foldPerfect(below);
        known.set(key, hash);
        cache?.set(key, hash);
      }
    }
    return nodes.map(({ level, index }) => known.get(nodeKey(level, index)) as Buffer);
  }

  /** Folds several plans from one query. */
  async assemble(
    plans: readonly ProofPlan[],
    q: Queryable = this.pool,
    options: ReadOptions = {},
  ): Promise<Buffer[][]> {
    const all = plans.flatMap((p) => p.nodes);
    const unique = [...new Map(all.map((n) => [nodeKey(n.level, n.index), n])).values()];
    const hashes = await this.readNodes(unique, q, options);
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

  /** Inclusion proofs of several leaves in one tree size, from one query (or the proof cache). */
  async inclusionProofs(indices: readonly number[], size: number): Promise<Buffer[][]> {
    const plans = indices.map((index) => {
      const plan = inclusionProofPlan(index, size);
      if (!plan.ok) throw new LedgerError('CUSTOS_LEDGER_SIZE_OUT_OF_RANGE', plan.error.message);
      return plan.value;
    });
    return this.assemble(plans, this.pool, { cached: true });
  }

  /** Consistency proof from size m to n; from the proof cache unless `cached` is false. */
  async consistencyProof(m: number, n: number, options: ReadOptions = { cached: true }): Promise<Buffer[]> {
    const plan = consistencyProofPlan(m, n);
    if (!plan.ok) throw new LedgerError('CUSTOS_LEDGER_SIZE_OUT_OF_RANGE', plan.error.message);
    const [proof] = await this.assemble([plan.value], this.pool, options);
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
   * The fast path, when the in-memory state is current and the batch holds each event once: one
   * round trip and one commit. A batch of COPY_FROM leaves or more goes as one script
   * (append-script.ts: the lock and the check that the log ends where the state says, a binary
   * COPY of the leaves and one of the nodes, the progress): COPY writes rows as Postgres' bulk
   * load does, several per WAL record, where an INSERT writes one each. A smaller one goes as
   * the one statement APPEND_ROWS, which costs less than a script's four. Undefined (nothing
   * written, state dropped) sends the batch to the slow path, which sorts out redeliveries and
   * other writers under the lock.
   */
  private async appendCurrent(leaves: readonly LeafInput[]): Promise<AppendOutcome | undefined> {
    const state = this.state;
    if (state === undefined || leaves.length === 0) return undefined;
    // An event twice in the batch repeats its service sequence too; an event id at two numbers
    // is refused by its unique index like any other write twice.
    if (new Set(leaves.map((l) => `${l.service} ${l.sequence}`)).size !== leaves.length) return undefined;
    const first = state.range.size;
    try {
      if (leaves.length < COPY_FROM) {
        const values = this.rowsFor(state, first, leaves.map((leaf) => ({ ...leaf, hash: leafHash(leaf.entry) })));
        const { rows } = await this.pool.query({ name: 'ledger-append-rows', text: APPEND_ROWS, values });
        if (rows[0].extends !== true) throw Object.assign(new Error('stale appender'), { code: STALE_APPENDER });
      } else {
        await this.copyScript(state, first, leaves);
      }
    } catch (error) {
      this.state = undefined;
      if (isUniqueViolation(error) || (error as { code?: string })?.code === STALE_APPENDER) return undefined;
      throw error;
    }
    return { appended: leaves.length, duplicates: 0, rejected: 0, size: state.range.size };
  }

  /** Writes `leaves` at `first` as one script (see appendCurrent), advancing `state`. */
  private async copyScript(state: AppenderState, first: number, leaves: readonly LeafInput[]): Promise<void> {
    const progress = advanceProgress(state, leaves);
    const hashes: Buffer[] = [];
    // Each part of the leaves is hashed while Postgres writes the part before, the tree above
    // them while it writes the last.
    const script = new CopyScript(appendScript(first, APPEND_LOCK, progress, escapeLiteral), [
      hashedLeavesCopy(leaves, first, leafHash, hashes, LEAVES_PER_PART),
      () => nodesCopy(advanceRange(state, hashes)),
    ]);
    const client = await this.pool.connect();
    try {
      client.query(script as never);
      await script.done;
    } finally {
      client.release();
    }
  }

  /**
   * The slow path, in a transaction: the lock, then size and known ids together, then the
   * rows (APPEND_ROWS). (The lock must be a statement of its own here: a statement's snapshot
   * is taken before it runs, so a size read beside the lock could be stale.)
   */
  private async appendIn(
    tx: PoolClient,
    leaves: readonly LeafInput[],
    rejected: readonly Rejection[],
  ): Promise<AppendOutcome> {
    const previous = this.state;
    this.state = undefined;
    await tx.query(`SELECT pg_advisory_xact_lock(${APPEND_LOCK})`);
    const ids = [...new Set(leaves.map((l) => l.eventId))];
    // Named statements: each connection plans them once.
    const { rows } = await tx.query({
      name: 'ledger-append-head',
      text: `SELECT (SELECT coalesce(max(leaf_index) + 1, 0) FROM ledger_leaves) AS size,
                    ARRAY(SELECT leaf_index FROM ledger_leaves WHERE event_id = ANY($1::uuid[])) AS present`,
      values: [ids],
    });
    const storedSize = Number(rows[0].size);
    const state = previous?.range.size === storedSize ? previous : await this.stateAt(tx, storedSize);
    const { fresh, conflicts } = await this.freshLeaves(tx, leaves, rows[0].present as string[]);
    const refused = [...rejected, ...conflicts];
    if (refused.length > 0) await this.insertRejections(tx, refused);
    if (fresh.length > 0) {
      const values = this.rowsFor(state, storedSize, fresh);
      const written = await tx.query({ name: 'ledger-append-rows', text: APPEND_ROWS, values });
      if (written.rows[0].extends !== true) {
        throw new LedgerIntegrityError(`the stored log lacks leaf ${storedSize - 1}, below its size ${storedSize}`);
      }
    }
    // Kept for the next batch only once this one has committed (see append).
    this.state = state;
    return {
      appended: fresh.length,
      duplicates: leaves.length - fresh.length - conflicts.length,
      rejected: refused.length,
      size: state.range.size,
    };
  }

  /**
   * Advances `state` over `fresh` (leaves at `first`…) and returns APPEND_ROWS' parameters.
   * The caller drops `state` if the write does not commit.
   */
  private rowsFor(state: AppenderState, first: number, fresh: readonly HashedLeaf[]): unknown[] {
    const { nodes, progress } = advance(state, fresh);
    const lengths = fresh.map((l) => l.entry.length);
    return [
      first,
      fresh.map((l) => l.eventId),
      fresh.map((l) => l.service),
      fresh.map((l) => l.sequence),
      fresh.map((l) => l.aggregateId),
      fresh.map((l) => l.type),
      Buffer.concat(fresh.map((l) => l.entry)),
      offsets(lengths),
      lengths,
      nodes.map((n) => n.level),
      nodes.map((n) => n.index),
      Buffer.concat(nodes.map((n) => n.hash)),
      progress.map(([service]) => service),
      progress.map(([, p]) => p.contiguousThrough),
      progress.map(([, p]) => p.highestSeen),
      Buffer.concat(fresh.map((l) => l.hash)),
    ];
  }

  /**
   * The batch without events already in the log or repeated in the batch. The same event id
   * with other bytes is not a redelivery but a second version of a fact: it is refused; so is a
   * new event id at a service sequence the log already holds.
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
            'SELECT event_id, leaf_hash AS hash FROM ledger_leaves WHERE leaf_index = ANY($1::bigint[])',
            [present],
          );
    const known = new Map<string, Buffer>(rows.map((r) => [r.event_id as string, r.hash as Buffer]));
    const fresh: HashedLeaf[] = [];
    const conflicts: Rejection[] = [];
    // A service numbers its events once (issue 16, UNIQUE (service, service_sequence)): a new
    // event id at a number the log already holds is a forgery or a fork, set aside, never a leaf.
    const { rows: taken } = await tx.query(
      `SELECT service, service_sequence FROM ledger_leaves
        WHERE (service, service_sequence) IN (SELECT * FROM unnest($1::text[], $2::bigint[]))`,
      [leaves.map((l) => l.service), leaves.map((l) => l.sequence)],
    );
    const numbered = new Set<string>(taken.map((r) => `${r.service} ${r.service_sequence}`));
    for (const leaf of leaves) {
      const hash = leafHash(leaf.entry);
      const stored = known.get(leaf.eventId);
      const number = `${leaf.service} ${leaf.sequence}`;
      if (stored === undefined && numbered.has(number)) {
        conflicts.push({
          source: `sequence/${leaf.eventId}/${hash.toString('hex')}`,
          eventId: leaf.eventId,
          reason: `the ledger holds another event as ${leaf.service} sequence ${leaf.sequence}`,
          raw: leaf.entry,
        });
      } else if (stored === undefined) {
        known.set(leaf.eventId, hash);
        numbered.add(number);
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

  /** The appender's border and progress at `size`, loaded in O(log n) rows. */
  private async stateAt(tx: PoolClient, size: number): Promise<AppenderState> {
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
    return { range, progress };
  }
}
