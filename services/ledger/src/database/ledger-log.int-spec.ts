import { leafHash, MemoryMerkleTree, verifyConsistency, verifyInclusion } from '@custos/ledger-core';
import { escapeLiteral, Pool } from 'pg';
import { appendScript, CopyScript, leavesCopy, nodesCopy, STALE_APPENDER } from './append-script';
import { freshLedgerDb, leafOf, envelope, leaves } from '../../test/support';
import { LedgerLog } from './ledger-log';
import { APPEND_ONLY_TABLES } from './ledger.schema';
import { STORED_LEVEL_STEP } from '../domain/stored-nodes';

describe('LedgerLog on Postgres', () => {
  let pool: Pool;
  let log: LedgerLog;
  const reference = new MemoryMerkleTree();

  beforeAll(async () => {
    ({ pool } = await freshLedgerDb('ledger-log'));
    log = new LedgerLog(pool);
  });
  afterAll(() => pool.end());

  it('appends batches as RFC 9162 leaves and serves the same roots and proofs as the reference tree', async () => {
    for (const [from, count] of [
      [1, 1],
      [2, 6],
      [8, 57],
      [65, 4],
    ] as const) {
      const batch = leaves('custody', from, count);
      const outcome = await log.append(batch);
      batch.forEach((l) => reference.append(l.entry));
      expect(outcome).toEqual({ appended: count, duplicates: 0, rejected: 0, size: reference.size });
    }
    const size = reference.size;
    expect(await log.size()).toBe(68);
    for (const n of [1, 2, 7, 8, 31, 64, 65, 68]) expect(await log.root(n)).toEqual(reference.root(n));
    const indices = [0, 1, 6, 7, 33, 63, 64, 67];
    const proofs = await log.inclusionProofs(indices, size);
    indices.forEach((index, k) => {
      expect(verifyInclusion(reference.leafHash(index), index, size, proofs[k], reference.root())).toBe(true);
    });
    for (const [m, n] of [
      [1, 68],
      [7, 8],
      [31, 65],
      [64, 68],
      [68, 68],
    ]) {
      expect(verifyConsistency(m, n, reference.root(m), reference.root(n), await log.consistencyProof(m, n))).toBe(
        true,
      );
    }
  });

  it('stores each leaf hash in its leaf row and every other STORED_LEVEL_STEP-th level as nodes (the rest is folded on read)', async () => {
    const { rows } = await pool.query('SELECT DISTINCT level FROM ledger_nodes ORDER BY level');
    const levels = Array.from({ length: Math.floor(Math.log2(reference.size)) + 1 }, (_, level) => level);
    expect(rows.map((r) => r.level)).toEqual(levels.filter((level) => level > 0 && level % STORED_LEVEL_STEP === 0));
    const leafHashes = await pool.query('SELECT leaf_hash FROM ledger_leaves ORDER BY leaf_index');
    expect(leafHashes.rows.map((r) => r.leaf_hash)).toEqual(
      Array.from({ length: reference.size }, (_, i) => Buffer.from(reference.leafHash(i))),
    );
  });

  it('never appends a redelivered event twice, within a batch or across batches', async () => {
    const before = await log.size();
    const again = await log.leaves(10, 20);
    const fresh = leaves('custody', 69, 3);
    const outcome = await log.append([...again, fresh[0], fresh[0], ...fresh.slice(1), again[0]]);
    expect(outcome).toEqual({ appended: 3, duplicates: 12, rejected: 0, size: before + 3 });
    fresh.forEach((l) => reference.append(l.entry));
    expect(await log.root(await log.size())).toEqual(reference.root());
  });

  it('writes a current appender\'s large batch as one COPY script, and takes the slow path, writing nothing twice, when the script meets a stored event', async () => {
    const slowPath = jest.spyOn(log as unknown as { appendIn: (...args: unknown[]) => unknown }, 'appendIn');
    const script = jest.spyOn(log as unknown as { copyScript: (...args: unknown[]) => unknown }, 'copyScript');
    const next = leaves('custody', 72, 40);
    expect(await log.append(next)).toMatchObject({ appended: 40, duplicates: 0 });
    expect(script).toHaveBeenCalledTimes(1);
    expect(slowPath).not.toHaveBeenCalled();
    next.forEach((l) => reference.append(l.entry));
    // Each event once in the batch, so it goes as a script; the stored one makes COPY refuse it whole.
    const [redelivered] = await log.leaves(0, 1);
    const more = leaves('custody', 112, 40);
    expect(await log.append([...more, redelivered])).toEqual({
      appended: 40,
      duplicates: 1,
      rejected: 0,
      size: reference.size + 40,
    });
    expect(script).toHaveBeenCalledTimes(2);
    expect(slowPath).toHaveBeenCalledTimes(1);
    more.forEach((l) => reference.append(l.entry));
    expect(await log.root(await log.size())).toEqual(reference.root());
    const { rows } = await pool.query("SELECT contiguous_through FROM ledger_sequence_progress WHERE service = 'custody'");
    expect(rows).toEqual([{ contiguous_through: '151' }]);
    slowPath.mockRestore();
    script.mockRestore();
  });

  it('refuses a COPY script that would leave a hole after the stored log, writing none of it', async () => {
    const size = await log.size();
    const batch = leaves('custody', 500, 3);
    const hashes = batch.map((l) => leafHash(l.entry));
    const script = new CopyScript(appendScript(size + 1, "hashtext('custos.ledger.append')", [], escapeLiteral), [
      leavesCopy(batch, size + 1, hashes),
      nodesCopy([]),
    ]);
    const client = await pool.connect();
    try {
      client.query(script as never);
      await expect(script.done).rejects.toMatchObject({ code: STALE_APPENDER });
      // The connection is usable at once: the data sent after the refusal was ignored.
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      client.release();
    }
    expect(await log.size()).toBe(size);
    expect((await pool.query('SELECT count(*) FROM ledger_leaves WHERE leaf_index > $1', [size])).rows[0].count).toBe('0');
  });

  it('refuses an event id it already holds with other bytes, and keeps the first', async () => {
    const [stored] = await log.leaves(3, 4);
    const impostor = { ...leafOf(envelope('custody', 4)), eventId: stored.eventId };
    const outcome = await log.append([impostor]);
    expect(outcome).toMatchObject({ appended: 0, rejected: 1 });
    const { rows } = await pool.query('SELECT event_id, reason FROM ledger_rejected');
    expect(rows).toEqual([{ event_id: stored.eventId, reason: 'the ledger holds this event id with other bytes' }]);
    expect((await log.leafByEventId(stored.eventId))?.entry).toEqual(stored.entry);
  });

  it('refuses an event id given twice in one batch at two sequence numbers, and keeps the first', async () => {
    const before = await log.size();
    const batch = leaves('twice', 1, 40);
    const twin = { ...leafOf(envelope('twice', 41)), eventId: batch[7].eventId };
    const outcome = await log.append([...batch, twin]);
    expect(outcome).toMatchObject({ appended: 40, rejected: 1, size: before + 40 });
    batch.forEach((l) => reference.append(l.entry));
    expect(await log.root(before + 40)).toEqual(reference.root());
    expect((await log.leafByEventId(twin.eventId))?.entry).toEqual(batch[7].entry);
  });

  it('sets aside a new event id at a service sequence the log holds, in another batch or the same, and keeps the first (issue 16)', async () => {
    const before = await log.size();
    const [stored] = await log.leaves(5, 6);
    const forged = leafOf(envelope(stored.service, stored.sequence));
    const fresh = leaves('storage', 1, 2);
    const twin = leafOf(envelope('storage', 2));
    const outcome = await log.append([forged, ...fresh, twin]);
    expect(outcome).toMatchObject({ appended: 2, rejected: 2, size: before + 2 });
    fresh.forEach((l) => reference.append(l.entry));
    const { rows } = await pool.query("SELECT event_id, reason FROM ledger_rejected WHERE source LIKE 'sequence/%' ORDER BY event_id");
    expect(rows).toEqual(
      [
        { event_id: forged.eventId, reason: `the ledger holds another event as ${stored.service} sequence ${stored.sequence}` },
        { event_id: twin.eventId, reason: 'the ledger holds another event as storage sequence 2' },
      ].sort((a, b) => a.event_id.localeCompare(b.event_id)),
    );
    expect(await log.leafByEventId(forged.eventId)).toBeUndefined();
    expect((await log.leaves(5, 6))[0].entry).toEqual(stored.entry);
    // The database refuses it too, whoever writes.
    await expect(
      pool.query(
        "INSERT INTO ledger_leaves (leaf_index, event_id, service, service_sequence, aggregate_id, event_type, entry, leaf_hash) VALUES (999999, gen_random_uuid(), $1, $2, 'x', 'x', '\\x00', $3)",
        [stored.service, stored.sequence, leafHash(Buffer.of(0))],
      ),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('resumes after a restart and stays one tree when two replicas append at once', async () => {
    const replicas = [new LedgerLog(pool), new LedgerLog(pool)];
    // Batches large enough to go as COPY scripts: a replica whose state went stale is refused whole.
    const batches = Array.from({ length: 12 }, (_, k) => leaves('requests', 1 + k * 40, 40));
    await Promise.all(batches.map((batch, k) => replicas[k % 2].append(batch)));
    const size = await log.size();
    expect(size).toBe(reference.size + 480);
    const stored = await log.leaves(0, size);
    const tree = new MemoryMerkleTree();
    stored.forEach((leaf, i) => {
      expect(leaf.leafIndex).toBe(i);
      tree.append(leaf.entry);
    });
    expect(await log.root(size)).toEqual(tree.root());
    const { rows } = await pool.query(
      "SELECT contiguous_through, highest_seen FROM ledger_sequence_progress WHERE service = 'requests'",
    );
    expect(rows).toEqual([{ contiguous_through: '480', highest_seen: '480' }]);
  });

  it('writes a batch of several COPY parts as one tree, each leaf with its hash', async () => {
    const { pool: own } = await freshLedgerDb('ledger-log-parts');
    try {
      const parted = new LedgerLog(own);
      const tree = new MemoryMerkleTree();
      // The first batch takes the slow path; the second goes as a script of three parts (128 each).
      for (const batch of [leaves('custody', 1, 5), leaves('custody', 6, 300)]) {
        await parted.append(batch);
        batch.forEach((l) => tree.append(l.entry));
      }
      expect(await parted.root(305)).toEqual(tree.root());
      const { rows } = await own.query('SELECT leaf_hash FROM ledger_leaves ORDER BY leaf_index');
      expect(rows.map((r) => r.leaf_hash)).toEqual(Array.from({ length: 305 }, (_, i) => Buffer.from(tree.leafHash(i))));
    } finally {
      await own.end();
    }
  });

  it.each(APPEND_ONLY_TABLES)('refuses UPDATE, DELETE and TRUNCATE on %s in the database itself', async (table) => {
    const refused = /CUSTOS_LEDGER_APPEND_ONLY/;
    const column = {
      ledger_leaves: 'entry',
      ledger_nodes: 'hash',
      ledger_checkpoints: 'note',
      ledger_checkpoint_archived: 'object_key',
      ledger_rejected: 'reason',
    }[table];
    if (table === 'ledger_checkpoints') {
      await pool.query(
        `INSERT INTO ledger_checkpoints (tree_size, root_hash, note, object_key) VALUES (0, $1, 'n', 'k')`,
        [Buffer.alloc(32)],
      );
    }
    if (table === 'ledger_checkpoint_archived') {
      await pool.query(`INSERT INTO ledger_checkpoint_archived (tree_size, object_key) VALUES (0, 'k')`);
    }
    await expect(pool.query(`UPDATE ${table} SET ${column} = ${column}`)).rejects.toThrow(refused);
    await expect(pool.query(`DELETE FROM ${table}`)).rejects.toThrow(refused);
    await expect(pool.query(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(refused);
    expect(Number((await pool.query(`SELECT count(*) FROM ${table}`)).rows[0].count)).toBeGreaterThan(0);
  });
});
