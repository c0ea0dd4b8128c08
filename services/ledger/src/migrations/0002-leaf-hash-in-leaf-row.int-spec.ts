import { CompactRange, leafHash, MemoryMerkleTree } from '@custos/ledger-core';
import { createTestDatabase, migrateTestDatabase } from '@custos/testing';
import { Pool } from 'pg';
import { leaves } from '../../test/support';
import { LedgerLog } from '../database/ledger-log';
import { storedNodes } from '../domain/stored-nodes';
import { LEDGER_MIGRATIONS } from '.';

describe('Ledger0002LeafHashInLeafRow', () => {
  it('moves each recorded leaf hash into its leaf row, as recorded, and the log goes on as one tree', async () => {
    const url = await createTestDatabase('ledger-0002', { empty: true, migrations: LEDGER_MIGRATIONS.slice(0, -1) });
    const pool = new Pool({ connectionString: url, max: 2 });
    try {
      // A log as 0001 stored it: the leaves, their hashes as level-0 nodes, the levels above.
      const written = leaves('custody', 1, 21);
      const reference = new MemoryMerkleTree();
      const range = CompactRange.empty();
      const nodes = written.flatMap((leaf) => {
        reference.append(leaf.entry);
        return storedNodes(range.append(leafHash(leaf.entry)));
      });
      await pool.query(
        `INSERT INTO ledger_leaves (leaf_index, event_id, service, service_sequence, aggregate_id, event_type, entry)
         SELECT u.i - 1, u.id, u.service, u.seq, u.aggregate, u.type, u.entry
           FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::bytea[]) WITH ORDINALITY
                AS u(id, service, seq, aggregate, type, entry, i)`,
        [
          written.map((l) => l.eventId),
          written.map((l) => l.service),
          written.map((l) => l.sequence),
          written.map((l) => l.aggregateId),
          written.map((l) => l.type),
          // Entry 7 changed after its hash was recorded: the migration must keep the hash recorded.
          written.map((l, i) => (i === 7 ? Buffer.from('{"forged":true}') : l.entry)),
        ],
      );
      await pool.query(
        'INSERT INTO ledger_nodes (level, node_index, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])',
        [nodes.map((n) => n.level), nodes.map((n) => n.index), nodes.map((n) => n.hash)],
      );

      expect(await migrateTestDatabase(url, LEDGER_MIGRATIONS)).toEqual(['Ledger0002LeafHashInLeafRow1796428800000']);

      const { rows } = await pool.query('SELECT leaf_hash FROM ledger_leaves ORDER BY leaf_index');
      expect(rows.map((r) => r.leaf_hash)).toEqual(written.map((_, i) => Buffer.from(reference.leafHash(i))));
      const log = new LedgerLog(pool);
      expect(await log.root(21)).toEqual(reference.root());
      const more = leaves('custody', 22, 40);
      expect(await log.append(more)).toMatchObject({ appended: 40, size: 61 });
      more.forEach((l) => reference.append(l.entry));
      expect(await log.root(61)).toEqual(reference.root());
      const { rows: collations } = await pool.query(
        `SELECT column_name, collation_name FROM information_schema.columns
          WHERE table_name = 'ledger_leaves' AND column_name IN ('service', 'aggregate_id') ORDER BY column_name`,
      );
      expect(collations).toEqual([
        { column_name: 'aggregate_id', collation_name: 'C' },
        { column_name: 'service', collation_name: 'C' },
      ]);
    } finally {
      await pool.end();
    }
  });
});
