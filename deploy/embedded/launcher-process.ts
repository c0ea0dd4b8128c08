// `npm start` as a process of its own, in a process group of its own (as a terminal runs it),
// for the launcher's tests and the chaos run: a signal to the group is what Ctrl-C sends, and
// kill -9 of the group is what an operator's `kill -9 -<pgid>` does.
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The services in the order of their ports (EMBEDDED_SERVICES in ./services, which loads every
 * service's module: too heavy for a process that only drives the launcher).
 */
export const SERVICE_NAMES = ['registry', 'requests', 'approvals', 'custody', 'storage', 'ledger', 'oversight'] as const;

export interface EmbeddedLayoutOptions {
  /** CUSTOS_EMBEDDED_DIR: the installation's folder (Postgres data, footage, keys, checkpoints). */
  readonly home: string;
  readonly postgresPort: number;
  /** The registry's port; the other services follow. */
  readonly firstHttpPort: number;
  readonly logLevel?: string;
}

export class LauncherProcess {
  private readonly output: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    private readonly child: ChildProcess,
    readonly layout: EmbeddedLayoutOptions,
  ) {
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString('utf8'));
      if (this.output.length > 2000) this.output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Spawns `deploy/embedded/start.ts` as `npm start` does, as the leader of a new process group. */
  static spawn(layout: EmbeddedLayoutOptions): LauncherProcess {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'deploy/embedded/start.ts'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        CUSTOS_EMBEDDED_DIR: layout.home,
        CUSTOS_EMBEDDED_PG_PORT: String(layout.postgresPort),
        CUSTOS_EMBEDDED_HTTP_PORT: String(layout.firstHttpPort),
        LOG_LEVEL: layout.logLevel ?? 'warn',
        // Any free port: a second installation must not collide with a console on 3000.
        CONSOLE_PORT: '0',
      },
    });
    return new LauncherProcess(child, layout);
  }

  get pid(): number {
    return this.child.pid!;
  }

  urlOf(service: string): string {
    return `http://127.0.0.1:${this.layout.firstHttpPort + SERVICE_NAMES.indexOf(service as (typeof SERVICE_NAMES)[number])}`;
  }

  /** The embedded Postgres's postmaster, from its pid file. */
  postgresPid(): number | undefined {
    const file = path.join(this.layout.home, 'pg', 'postmaster.pid');
    if (!fs.existsSync(file)) return undefined;
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').split('\n')[0], 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  }

  /** Until the launcher printed that Custos is running (demo data seeded), or it exited. */
  async untilRunning(timeoutMs: number): Promise<number> {
    const t0 = Date.now();
    for (;;) {
      if (this.log().includes('Custos is running')) return Date.now() - t0;
      if (this.child.exitCode !== null || this.child.signalCode !== null)
        throw new Error(`the launcher exited before it was running:\n${this.log().slice(-4000)}`);
      if (Date.now() - t0 > timeoutMs) throw new Error(`the launcher was not running after ${timeoutMs} ms:\n${this.log().slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Until every service answers 200 on /health/ready; the time it took. */
  async untilReady(timeoutMs: number): Promise<number> {
    const t0 = Date.now();
    for (;;) {
      const statuses = await Promise.all(
        SERVICE_NAMES.map((s) =>
          fetch(`${this.urlOf(s)}/health/ready`, { signal: AbortSignal.timeout(3000) }).then(
            (r) => r.status,
            () => 0,
          ),
        ),
      );
      if (statuses.every((s) => s === 200)) return Date.now() - t0;
      if (Date.now() - t0 > timeoutMs) throw new Error(`not ready after ${timeoutMs} ms: ${statuses.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** A signal to the whole group, as the terminal sends Ctrl-C (SIGINT) to its foreground group. */
  signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }

  log(): string {
    return this.output.join('');
  }
}

/** `count` consecutive free loopback ports from a random start (the services' ports follow one another). */
/** Ports for an installation beside others: Postgres's, then one per service, in one free block. */
export async function freeLayoutPorts(): Promise<Pick<EmbeddedLayoutOptions, 'postgresPort' | 'firstHttpPort'>> {
  const postgresPort = await freeConsecutivePorts(SERVICE_NAMES.length + 1);
  return { postgresPort, firstHttpPort: postgresPort + 1 };
}

async function freeConsecutivePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 20000 + Math.floor(Math.random() * 30000);
    const free = await Promise.all(Array.from({ length: count }, (_, i) => isFree(first + i)));
    if (free.every(Boolean)) return first;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
