import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { isAlive } from './run-state';
import { waitFor } from './servers/scratch';

const repoRoot = path.resolve(__dirname, '../../..');

describe('test harness: no process left behind', () => {
  it('kills the servers of a harness process that dies with kill -9 and removes their scratch folders (reaper)', async () => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'libs/testing/test/start-servers-and-hang.ts'], {
      cwd: repoRoot,
      env: { ...process.env, CUSTOS_RUN_STATE: path.join(os.tmpdir(), `custos-run-${process.pid}.json`) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const pids = await waitFor('server pids', () => /PIDS (\S+)/.exec(out)?.[1].split(',').map(Number), 60000);
    expect(pids.length).toBeGreaterThanOrEqual(2);
    expect(pids.every(isAlive)).toBe(true);
    const dirs = await waitFor('scratch folders', () => /DIRS (\S+)/.exec(out)?.[1].split(','), 10000);
    expect(dirs.every((dir) => fs.existsSync(dir))).toBe(true);

    child.kill('SIGKILL');

    await waitFor('the reaper to stop every server', () => (pids.some(isAlive) ? undefined : true), 20000, 200);
    expect(pids.filter(isAlive)).toEqual([]);
    await waitFor(
      'the reaper to remove the scratch folders',
      () => (dirs.some((d) => fs.existsSync(d)) ? undefined : true),
      20000,
      200,
    );
  });
});
