import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { infraToEnv, testInfra } from '@custos/testing';
import type { Figures } from './audit';

const ROOT = path.resolve(__dirname, '../..');

/**
 * A shortened `npm run chaos` (deploy/chaos/chaos.ts): each fault once — kill -9 of each of the
 * service processes and its restart, a broker cut, a Postgres restart, S3 cut during
 * exports, kill -9 of the `npm start` group — with one lifecycle (COPY or VIEW, S3 phase COPY)
 * under way in each, on the harness's broker and S3 and a Postgres of the run's own. The run is
 * a process of its own with its own record of servers (CUSTOS_RUN_STATE), so that the reaper
 * also clears what it started if it dies. After every fault, nothing may be lost, duplicated,
 * left in a gap or stuck, and no service may have ended by itself (the run starts such a
 * service again, as an orchestrator would, and reports it).
 */
describe('the system under faults: nothing lost, duplicated or stuck (npm run chaos, shortened)', () => {
  it('every event of every service becomes a ledger leaf once, in sequence, and every lifecycle completes, through every fault', async () => {
    const state = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-chaos-state-'));
    const child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'deploy/chaos/chaos.ts',
        ...['--lifecycles', '10', '--concurrency', '2', '--broker-cut-s', '8', '--s3-cut-s', '3', '--postgres-down-s', '1'],
        ...['--deadline-s', '150', '--settle-s', '60', '--seed', '14'],
      ],
      {
        cwd: ROOT,
        env: { ...process.env, ...infraToEnv(testInfra()), CUSTOS_RUN_STATE: path.join(state, 'servers.json') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    fs.rmSync(state, { recursive: true, force: true });

    const line = output.split('\n').find((l) => l.startsWith('CHAOS_FIGURES '));
    if (!line) throw new Error(`the chaos run printed no figures (exit ${code}):\n${output.slice(-6000)}`);
    const figures = JSON.parse(line.slice('CHAOS_FIGURES '.length)) as Figures[];
    expect(figures.map((f) => f.fault)).toEqual([
      'kill -9 registry',
      'kill -9 requests',
      'kill -9 approvals',
      'kill -9 custody',
      'kill -9 storage',
      'kill -9 ledger',
      'kill -9 oversight',
      'broker cut 8 s',
      'Postgres restart under load',
      'S3 cut 3 s in the middle of exports',
      'kill -9 of the npm start process group',
    ]);
    // The run's own account, in the test's output: the figures after every fault.
    process.stdout.write(output.split('\n').filter((l) => /^(──|   |chaos )/.test(l)).join('\n') + '\n');
    for (const f of figures) {
      expect({
        fault: f.fault,
        lost: f.lost,
        duplicated: f.duplicated,
        gaps: f.gaps,
        stuck: f.stuckAt,
        servicesThatEndedByThemselves: f.unexpectedExits,
      }).toEqual({ fault: f.fault, lost: 0, duplicated: 0, gaps: 0, stuck: [], servicesThatEndedByThemselves: [] });
      expect(f.lifecycles.completed).toBe(f.lifecycles.acknowledged);
      expect(f.leavesPerService).toEqual(f.eventsPerService);
    }
    expect({ exit: code, tail: code === 0 ? '' : output.slice(-3000) }).toEqual({ exit: 0, tail: '' });
  }, 900_000);
});
