import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { freshEventStoreDb } from '../../test/support';
import { resilientPool } from './sql';

/**
 * In a process of its own, since an 'error' event nobody listens to ends the process: Postgres
 * terminates the connection that `inTransaction` (or `withClient`) borrowed, between two
 * statements, while the pool is otherwise idle.
 */
describe('a borrowed pooled connection that Postgres drops (issue 14)', () => {
  it.each(['inTransaction', 'withClient'])('fails the work of %s, not the process, and the pool goes on', async (helper) => {
    const { url, pool } = await freshEventStoreDb('sql-dropped', 2);
    await pool.end();
    const script = `
      const { Pool } = require('pg');
      const { ${helper} } = require('./libs/eventstore/src/store/sql.ts');
      (async () => {
        const pool = new Pool({ connectionString: process.env.URL, max: 2 });
        pool.on('error', () => undefined);
        const admin = new Pool({ connectionString: process.env.URL, max: 1 });
        const outcome = await ${helper}(pool, async (client) => {
          const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
          await admin.query('SELECT pg_terminate_backend($1)', [pid]);
          await new Promise((r) => setTimeout(r, 500));
          await client.query('SELECT 1');
        }).then(() => 'succeeded', () => 'failed');
        const after = (await pool.query('SELECT 2 AS two')).rows[0].two;
        console.log(JSON.stringify({ outcome, after }));
        await Promise.all([pool.end(), admin.end()]);
      })();
    `;
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', '-e', script], {
      cwd: path.resolve(__dirname, '../../../..'),
      env: { ...process.env, URL: url },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).not.toMatch(/Unhandled 'error' event|Connection terminated unexpectedly\n\s+at/);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').pop()!)).toEqual({ outcome: 'failed', after: 2 });
  });
});

describe('a pool that is ending (the launcher stops Postgres right after its services)', () => {
  it('reports a connection error while it runs, and none once it is ending', async () => {
    const { url, pool: setup } = await freshEventStoreDb('sql-ending', 1);
    await setup.end();
    const heard: string[] = [];
    const pool = resilientPool({ connectionString: url, max: 1 }, (error) => heard.push(error.message));
    const client = await pool.connect();
    client.release();
    // What a client emits when Postgres ends its session (fast shutdown, pg_terminate_backend).
    const terminated = () => client.emit('error', new Error('terminating connection due to administrator command'));
    terminated();
    const whileRunning = heard.length;
    const ending = pool.end();
    terminated();
    await ending;
    expect(whileRunning).toBeGreaterThan(0);
    expect(heard).toHaveLength(whileRunning);
  });
});
