import { spawn } from 'node:child_process';
import path from 'node:path';
import { TestInfra, infraFromEnv } from '../infra';
import { runStateFile, writeRunState } from '../run-state';
import { containerRuntimeAvailable, startContainers } from './containers.server';
import { startCephRgw } from './ceph-rgw.server';
import { startEmbeddedPostgres } from './embedded-postgres.server';
import { startKafkaMock } from './kafka-mock.server';
import { startOidcProvider } from './oidc-provider.server';
import { ServerHandle } from './server-handle';

export interface StartedInfra {
  readonly infra: TestInfra;
  readonly handles: ServerHandle[];
}

/**
 * The one entry of the harness: servers from the environment when given, else from
 * testcontainers when a container engine answers, else local processes started here.
 */
export async function startTestServers(): Promise<StartedInfra> {
  const fromEnv = infraFromEnv();
  if (fromEnv) return withOidcProvider({ infra: fromEnv, handles: [] });
  if (await containerRuntimeAvailable()) {
    const { infra, handle } = await startContainers();
    return withOidcProvider({ infra, handles: [handle] });
  }
  return startLocalProcesses();
}

/** The OpenID provider is a Node process wherever the other servers come from, unless one is given. */
async function withOidcProvider(started: StartedInfra): Promise<StartedInfra> {
  if (started.infra.oidcIssuer) return started;
  const handles = [...started.handles];
  const oidc = await startRecorded(handles, startOidcProvider);
  return { infra: { ...started.infra, oidcIssuer: oidc.issuer }, handles };
}

export async function startLocalProcesses(): Promise<StartedInfra> {
  const handles: ServerHandle[] = [];
  const [pg, kafka, s3, oidc] = await Promise.all([
    startRecorded(handles, startEmbeddedPostgres),
    startRecorded(handles, startKafkaMock),
    startRecorded(handles, startCephRgw),
    startRecorded(handles, () => startOidcProvider()),
  ]).catch(async (error) => {
    await stopTestServers(handles);
    throw error;
  });
  return {
    infra: { databaseUrl: pg.url, kafkaBrokers: kafka.brokers, s3: s3.s3, source: 'local-processes', oidcIssuer: oidc.issuer },
    handles,
  };
}

let reaperStarted = false;

/** Starts one server and records its pids at once, so the reaper can find it if we die. */
export async function startRecorded<H extends ServerHandle>(
  handles: ServerHandle[],
  start: () => Promise<H>,
): Promise<H> {
  if (!reaperStarted) {
    startReaper();
    reaperStarted = true;
  }
  const handle = await start();
  handles.push(handle);
  writeRunState({
    ownerPid: process.pid,
    servers: handles.map((h) => ({ name: h.name, pids: h.pids(), scratchDirs: h.scratchDirs })),
  });
  return handle;
}

export async function stopTestServers(handles: ServerHandle[]): Promise<void> {
  await Promise.allSettled(handles.map((h) => h.stop()));
}

/** A detached watcher that kills the recorded servers if this process dies before teardown. */
function startReaper(): void {
  const reaper = spawn(process.execPath, [path.join(__dirname, '../reaper.js'), String(process.pid), runStateFile], {
    detached: true,
    stdio: 'ignore',
  });
  reaper.unref();
}
