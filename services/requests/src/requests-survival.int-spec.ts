import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, FaultProxy, freePort, waitFor } from '@custos/testing';
import { Pool } from 'pg';

/**
 * The requests service as `main.ts` runs it, in a process of its own, with its database and
 * the embedded bus's reached through a fault proxy: whatever Postgres does to its connections,
 * the process must live on and be ready again by itself (issue 14).
 */
describe('the requests process outlives its database (issue 14)', () => {
  let proxy: FaultProxy;
  let admin: Pool;
  let child: ChildProcess;
  let output = '';
  let baseUrl: string;
  const databases: string[] = [];

  beforeAll(async () => {
    const [own, bus] = [await createTestDatabase('requests-survival'), await createTestDatabase('requests-survival-bus')];
    const target = new URL(own);
    databases.push(target.pathname.slice(1), new URL(bus).pathname.slice(1));
    admin = new Pool({ connectionString: own, max: 1 });
    admin.on('error', () => undefined);
    proxy = await FaultProxy.start({ host: target.hostname, port: Number(target.port) });
    const viaProxy = (url: string) => {
      const u = new URL(url);
      u.host = proxy.url;
      return u.toString();
    };
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['-r', '@swc-node/register', 'services/requests/src/main.ts'], {
      cwd: path.resolve(__dirname, '../../..'),
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: viaProxy(own),
        // One machine, the embedded bus and the development issuer (not the default since issue 16).
        EMBEDDED_MODE: 'true',
        EVENT_BUS: 'embedded',
        EVENT_BUS_DATABASE_URL: viaProxy(bus),
        REQUEST_EXPIRY_INTERVAL_MS: '200',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await waitFor('the requests process to be ready', async () => ((await ready()) === 200 ? true : undefined), 120_000, 250);
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await proxy?.close();
    await admin?.end();
  });

  async function ready(): Promise<number | undefined> {
    return fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(5000) }).then(
      (r) => r.status,
      () => undefined,
    );
  }

  const alive = () => child.exitCode === null && child.signalCode === null;

  it('survives its connections being terminated again and again while its loops run', async () => {
    for (let round = 0; round < 5; round++) {
      const { rowCount } = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ANY($1) AND pid <> pg_backend_pid()',
        [databases],
      );
      expect(rowCount).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 700));
      expect(alive()).toBe(true);
    }
    await waitFor('ready again', async () => ((await ready()) === 200 ? true : undefined), 30_000, 250);
    expect(alive()).toBe(true);
  });

  it('answers not ready while Postgres is unreachable for many timer ticks, logs coded failures, and recovers by itself', async () => {
    proxy.cut();
    try {
      await waitFor('not ready', async () => ((await ready()) === 503 ? true : undefined), 30_000, 250);
      // Ten expiry ticks and more with no database at all.
      await new Promise((r) => setTimeout(r, 3000));
      expect(alive()).toBe(true);
      const down = (await fetch(`${baseUrl}/health/ready`).then((r) => r.json())) as { error: { postgres: { status: string } } };
      expect(down.error.postgres.status).toBe('down');
    } finally {
      proxy.restore();
    }
    await waitFor('ready again', async () => ((await ready()) === 200 ? true : undefined), 60_000, 250);
    expect(alive()).toBe(true);
    expect(output).toContain('CUSTOS_REQUESTS_EXPIRY_FAILED');
    expect(output).not.toMatch(/Unhandled|uncaught/i);
  });
});
