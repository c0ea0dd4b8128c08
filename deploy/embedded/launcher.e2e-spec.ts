import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freeLayoutPorts, LauncherProcess } from './launcher-process';
import { demoClient } from './seed-demo-data';

/**
 * `npm start`'s launcher as a real process group, as a terminal runs it, on an installation of
 * its own (a temporary CUSTOS_EMBEDDED_DIR, free ports), so that it runs beside a developer's
 * `npm start`: it supervises its embedded Postgres, and Ctrl-C closes the services before it.
 */
describe('the embedded launcher supervises its Postgres', () => {
  let home: string;
  let launcher: LauncherProcess;

  beforeAll(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-launcher-'));
    // As root, Postgres runs as the postgres user, which must enter the folder.
    fs.chmodSync(home, 0o755);
    launcher = LauncherProcess.spawn({ home, ...(await freeLayoutPorts()), logLevel: 'warn' });
    await launcher.untilRunning(240_000);
  }, 300_000);

  afterAll(async () => {
    if (launcher) {
      launcher.signalGroup('SIGKILL');
      await launcher.exited;
      const postgres = launcher.postgresPid();
      if (postgres !== undefined) {
        try {
          process.kill(postgres, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('runs Postgres outside the launcher process group, so that Ctrl-C reaches the launcher only', () => {
    const postgres = launcher.postgresPid()!;
    const groupOf = (pid: number) => Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[2]);
    expect(groupOf(launcher.pid)).toBe(launcher.pid);
    expect(groupOf(postgres)).not.toBe(launcher.pid);
  });

  it('starts Postgres again when it is killed, and the services answer commands again', async () => {
    const before = launcher.postgresPid()!;
    process.kill(before, 'SIGKILL');
    const t0 = Date.now();
    while (launcher.postgresPid() === before || launcher.postgresPid() === undefined || !isAlive(launcher.postgresPid()!)) {
      if (Date.now() - t0 > 60_000) throw new Error(`Postgres not back after 60 s:\n${launcher.log().slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await launcher.untilReady(60_000);
    // A command that needs every layer: a token from the registry, and a list read from its database.
    const as = demoClient(launcher.urlOf('registry'));
    const listed = await retry(async () =>
      (await as('admin.shaanxi')).get<{ items: unknown[] }>(`${launcher.urlOf('registry')}/v1/organisations`),
    );
    expect(listed.items.length).toBeGreaterThan(0);
    expect(launcher.log()).toContain('embedded Postgres died and was started again');
  });

  it('on Ctrl-C closes the services first and Postgres last: the final checkpoint is written, no error', async () => {
    const as = demoClient(launcher.urlOf('registry'));
    const latest = await retry(async () =>
      (await as('oversight.shaanxi')).get<{ treeSize: number }>(`${launcher.urlOf('ledger')}/v1/ledger/checkpoints/latest`),
    );
    const postgres = launcher.postgresPid()!;
    const before = launcher.log().length;

    launcher.signalGroup('SIGINT');
    const exit = await launcher.exited;

    const stopping = launcher.log().slice(before);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(stopping).not.toMatch(/final checkpoint|shutting down|"level":"error"/);
    expect(isAlive(postgres)).toBe(false);
    const archived = fs
      .readdirSync(path.join(home, 'checkpoints'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.checkpoint'))
      .map((f) => Number.parseInt(path.basename(f), 10));
    expect(Math.max(...archived)).toBeGreaterThanOrEqual(latest.treeSize);
    expect(fs.existsSync(path.join(home, 'launcher.pid'))).toBe(false);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A pooled connection broken by the restart may fail one request; the next one works. */
async function retry<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
