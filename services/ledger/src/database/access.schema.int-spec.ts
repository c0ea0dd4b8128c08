import { createTestDatabase } from '@custos/testing';
import { Pool } from 'pg';
import { applyMigrationDirectly } from '@custos/migrations';
import { ledgerInitial } from '../migrations/0001-initial';

/**
 * An installation whose access index was built by the rules before organisations were placed by
 * their public id (every `npm start` so far) must not keep refusing oversight: its index is
 * rebuilt from the log when the first migration adopts its database (R5.1).
 */
describe('the ledger access index schema (R5.1)', () => {
  let pool: Pool;

  beforeAll(async () => {
    pool = new Pool({ connectionString: await createTestDatabase('ledger-access-schema', { empty: true }), max: 2 });
  });
  afterAll(() => pool?.end());

  // The first migration as it adopts a database the service had created at start-up before.
  const adopt = () => applyMigrationDirectly(pool, ledgerInitial);
  const count = async (table: string) => Number((await pool.query(`SELECT count(*) FROM ${table}`)).rows[0].count);

  it('rebuilds an index of an older version from leaf 0, and leaves a current one alone (R5.1)', async () => {
    await adopt();
    // What the old rules left: the organisation placed under its registry stream id.
    await pool.query(`UPDATE ledger_access_progress SET next_leaf = 42, version = 1`);
    await pool.query(
      `INSERT INTO ledger_access_organisations VALUES ('organisation:org-owner-mall', '610113', 3), ('org-owner-mall', NULL, NULL)`,
    );
    await pool.query(`INSERT INTO ledger_access_aggregate_orgs VALUES ('segment:s1', 'org-owner-mall')`);

    await adopt();
    expect((await pool.query('SELECT next_leaf, version FROM ledger_access_progress')).rows).toEqual([
      { next_leaf: '0', version: 2 },
    ]);
    expect([await count('ledger_access_organisations'), await count('ledger_access_aggregate_orgs')]).toEqual([0, 0]);

    // A current index is not rebuilt on the next start.
    await pool.query(`UPDATE ledger_access_progress SET next_leaf = 7`);
    await pool.query(`INSERT INTO ledger_access_organisations VALUES ('org-owner-mall', '610113', 3)`);
    await adopt();
    expect((await pool.query('SELECT next_leaf FROM ledger_access_progress')).rows[0].next_leaf).toBe('7');
    expect(await count('ledger_access_organisations')).toBe(1);
  });
});
