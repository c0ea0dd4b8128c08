import { createTestDatabase } from '@custos/testing';
import { Pool } from 'pg';
import { ensureAccessSchema } from './access.schema';

/**
 * An installation whose access index was built by the rules before organisations were placed by
 * their public id (every `npm start` so far) must not keep refusing oversight: its index is
 * rebuilt from the log at start (R5.1).
 */
describe('the ledger access index schema (R5.1)', () => {
  let pool: Pool;

  beforeAll(async () => {
    pool = new Pool({ connectionString: await createTestDatabase('ledger-access-schema'), max: 2 });
  });
  afterAll(() => pool?.end());

  const count = async (table: string) => Number((await pool.query(`SELECT count(*) FROM ${table}`)).rows[0].count);

  it('rebuilds an index of an older version from leaf 0, and leaves a current one alone (R5.1)', async () => {
    await ensureAccessSchema(pool);
    // What the old rules left: the organisation placed under its registry stream id.
    await pool.query(`UPDATE ledger_access_progress SET next_leaf = 42, version = 1`);
    await pool.query(
      `INSERT INTO ledger_access_organisations VALUES ('organisation:org-owner-mall', '610113', 3), ('org-owner-mall', NULL, NULL)`,
    );
    await pool.query(`INSERT INTO ledger_access_aggregate_orgs VALUES ('segment:s1', 'org-owner-mall')`);

    await ensureAccessSchema(pool);
    expect((await pool.query('SELECT next_leaf, version FROM ledger_access_progress')).rows).toEqual([
      { next_leaf: '0', version: 2 },
    ]);
    expect([await count('ledger_access_organisations'), await count('ledger_access_aggregate_orgs')]).toEqual([0, 0]);

    // A current index is not rebuilt on the next start.
    await pool.query(`UPDATE ledger_access_progress SET next_leaf = 7`);
    await pool.query(`INSERT INTO ledger_access_organisations VALUES ('org-owner-mall', '610113', 3)`);
    await ensureAccessSchema(pool);
    expect((await pool.query('SELECT next_leaf FROM ledger_access_progress')).rows[0].next_leaf).toBe('7');
    expect(await count('ledger_access_organisations')).toBe(1);
  });
});
