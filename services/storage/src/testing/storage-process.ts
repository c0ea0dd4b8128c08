// The storage service as its own process, for the benchmark (npm run bench:storage) and the
// large-stream test: its memory is then its own (VmRSS / VmHWM of /proc/<pid>/status), apart
// from the client that drives it. Linux only (/proc).
import { ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { TestIssuer } from '@custos/auth';
import {
  createTestBucket,
  createTestDatabase,
  freePort,
  infraFromEnv,
  ServerHandle,
  startCephRgw,
  startEmbeddedPostgres,
  startRecorded,
  testInfra,
} from '@custos/testing';
import { compileWorkspace } from '../../../../deploy/build';
import { cameras, PSB } from './storage.test-support';
import { STORAGE_MIGRATIONS } from '../migrations';
import { EMBEDDED_BUS_MIGRATIONS } from '@custos/migrations';

const ROOT = path.resolve(__dirname, '../../../..');
const MIB = 1024 * 1024;

/**
 * `compiled`: compiled ahead by `npm run build`'s compiler, as deploy/docker runs the services;
 * `register`: main.ts compiled as it loads through @swc-node/register, as `npm start` runs it.
 */
export type Runtime = 'compiled' | 'register';

export interface Memory {
  /** Resident set now (VmRSS). */
  readonly rss: number;
  /** Peak resident set since start or the last `resetPeak` (VmHWM). */
  readonly peak: number;
}

export const mb = (bytes: number): string => (bytes / MIB).toFixed(0);

/** VmRSS and VmHWM of process `pid` from /proc: the kernel's own count, nothing sampled. */
export function memoryOf(pid: number): Memory {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/** Starts a new peak of process `pid` from its current resident set (writing 5 to clear_refs resets VmHWM). */
export function resetPeakOf(pid: number): void {
  fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** CPU seconds (user + system) process `pid` has used so far. */
export function cpuSecondsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are the 14th and 15th fields of stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export class ServiceProcess {
  private readonly output: string[] = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly compiled?: string,
  ) {
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString('utf8'));
      if (this.output.length > 200) this.output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  /** Spawns the service with `env` on `port` and waits until /health/ready answers 200. */
  static async start(env: Record<string, string>, port: number, runtime: Runtime): Promise<ServiceProcess> {
    const compiled = runtime === 'compiled' ? compiledStorage() : undefined;
    // STORAGE_PROCESS_NODE_ARGS: extra node flags for the service, e.g. --cpu-prof to profile it.
    const nodeArgs = (process.env.STORAGE_PROCESS_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const args = compiled
      ? [...nodeArgs, path.join(compiled, 'services/storage/src/main.js')]
      : [...nodeArgs, '-r', '@swc-node/register', 'services/storage/src/main.ts'];
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        ...env,
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new ServiceProcess(child, `http://127.0.0.1:${port}`, compiled);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`storage service exited (${code}):\n${service.log()}`))),
    );
    exited.catch(() => undefined);
    const deadline = Date.now() + 120_000;
    for (;;) {
      const ready = await Promise.race([
        fetch(`${service.url}/health/ready`).then(
          (r) => r.status === 200,
          () => false,
        ),
        exited,
      ]);
      if (ready) return service;
      if (Date.now() > deadline) {
        await service.stop();
        throw new Error(`storage service not ready within 120 s:\n${service.log()}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  get pid(): number {
    return this.child.pid!;
  }

  memory(): Memory {
    return memoryOf(this.pid);
  }

  resetPeak(): void {
    resetPeakOf(this.pid);
  }

  cpuSeconds(): number {
    return cpuSecondsOf(this.pid);
  }

  log(): string {
    return this.output.join('').slice(-8000);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exit = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
    }
    if (this.compiled) fs.rmSync(this.compiled, { recursive: true, force: true });
  }
}

/**
 * For the benchmarks: Postgres and Ceph RGW started here (with no Kafka: the services use the
 * embedded bus), unless the environment names servers; their handles, to stop at the end.
 */
export async function benchServers(): Promise<ServerHandle[]> {
  if (infraFromEnv()) return [];
  const handles: ServerHandle[] = [];
  const [pg, s3] = await Promise.all([
    startRecorded(handles, startEmbeddedPostgres),
    startRecorded(handles, startCephRgw),
  ]);
  Object.assign(process.env, {
    DATABASE_URL: pg.url,
    KAFKA_BROKERS: '127.0.0.1:1',
    S3_ENDPOINT: `http://${s3.s3.endPoint}:${s3.s3.port}`,
    S3_ACCESS_KEY: s3.s3.accessKey,
    S3_SECRET_KEY: s3.s3.secretKey,
    S3_REGION: s3.s3.region,
  });
  return handles;
}

/** The storage service compiled into a folder of its own under .custos/, where node_modules resolves as in dist/. */
function compiledStorage(): string {
  fs.mkdirSync(path.join(ROOT, '.custos'), { recursive: true });
  const out = fs.mkdtempSync(path.join(ROOT, '.custos/compiled-storage-'));
  compileWorkspace(out, ['storage']);
  return out;
}

/** The registry's camera, organisation and operator API and the approvals service's key API, as the service calls them. */
async function startNeighbours(approvalKey: KeyObject): Promise<{ url: string; close(): Promise<void> }> {
  const json = (response: http.ServerResponse, status: number, body: unknown) =>
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const server = http.createServer(async (request, response) => {
    const url = request.url ?? '';
    // The storage's client-credentials token (the neighbours do not check it).
    if (url === '/token' && request.method === 'POST') return json(response, 200, { access_token: 'storage-process-service-token', expires_in: 300 });
    const camera = /^\/v1\/cameras\/([^/]+)$/.exec(url);
    if (camera) {
      const found = await cameras.cameraOf(decodeURIComponent(camera[1]));
      if (!found) return json(response, 404, {});
      return json(response, 200, {
        id: found.cameraId,
        imageSystemId: found.imageSystemId,
        ownerOrganisationId: found.organisationId,
        divisionCode: '610113',
        name: found.cameraId,
        locationCategory: 'TRANSPORT',
        location: 'test',
        removed: false,
      });
    }
    // The owners and their operators, against which an owner's token is checked (issue 16).
    const organisation = /^\/v1\/organisations\/([^/?]+)$/.exec(url);
    if (organisation) {
      const found = await cameras.organisation(decodeURIComponent(organisation[1]));
      return found ? json(response, 200, found) : json(response, 404, {});
    }
    if (url.startsWith('/v1/operators?')) {
      const personId = new URL(url, 'http://neighbours').searchParams.get('personId') ?? '';
      const held = await cameras.operatorOrganisations(personId);
      return json(response, 200, { items: held.map((organisationId) => ({ personId, organisationId })), total: held.length });
    }
    if (url === `/v1/organisations/${PSB}/approval-key`) {
      return json(response, 200, {
        organisationId: PSB,
        algorithm: 'Ed25519',
        keyId: 'answered-but-never-trusted',
        publicKeyPem: approvalKey.export({ type: 'spki', format: 'pem' }),
        createdAt: '2026-01-01T00:00:00.000Z',
      });
    }
    if (url === `/v1/organisations/${PSB}/revoked-approvals`)
      return json(response, 200, { organisationId: PSB, revoked: [] });
    json(response, 404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface StorageProcess {
  readonly service: ServiceProcess;
  readonly bucket: string;
  /** Signs approval documents the service trusts (organ PSB). */
  readonly approvalKeys: { publicKey: KeyObject; privateKey: KeyObject };
  /** Verifies the service's export manifests. */
  readonly storageKey: KeyObject;
  close(): Promise<void>;
}

/**
 * The storage service (main.ts, STORAGE_DRIVER=s3) on the harness's Postgres and Ceph RGW, in
 * its own process, behind `issuer`; the registry and approvals it asks are small stubs here.
 */
export async function startStorageProcess(
  issuer: TestIssuer,
  label: string,
  runtime: Runtime,
): Promise<StorageProcess> {
  const { s3 } = testInfra();
  const approvalKeys = generateKeyPairSync('ed25519');
  const storageKeys = generateKeyPairSync('ed25519');
  const neighbours = await startNeighbours(approvalKeys.publicKey);
  const bucket = await createTestBucket(label, { objectLock: true });
  try {
    const service = await ServiceProcess.start(
      {
        EMBEDDED_MODE: 'false',
        LOG_LEVEL: 'warn',
        DATABASE_URL: await createTestDatabase(label, { migrations: STORAGE_MIGRATIONS }),
        EVENT_BUS: 'embedded',
        EVENT_BUS_DATABASE_URL: await createTestDatabase(`${label}-bus`, { migrations: EMBEDDED_BUS_MIGRATIONS }),
        STORAGE_DRIVER: 's3',
        S3_ENDPOINT: `${s3.useSSL ? 'https' : 'http'}://${s3.endPoint}:${s3.port}`,
        S3_ACCESS_KEY: s3.accessKey,
        S3_SECRET_KEY: s3.secretKey,
        S3_REGION: s3.region,
        S3_BUCKET_FOOTAGE: bucket,
        CUSTOS_AUTH_ISSUER: issuer.issuer,
        CUSTOS_AUTH_AUDIENCE: issuer.audience,
        CUSTOS_AUTH_JWKS_URL: issuer.jwksUrl,
        REGISTRY_URL: neighbours.url,
        APPROVALS_URL: neighbours.url,
        CUSTOS_AUTH_CLIENT_ID: 'custos-storage',
        CUSTOS_AUTH_CLIENT_SECRET: 'storage-process-secret',
        CUSTOS_AUTH_TOKEN_URL: `${neighbours.url}/token`,
        EXPORT_SIGNING_KEY: storageKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      },
      await freePort(),
      runtime,
    );
    return {
      service,
      bucket,
      approvalKeys,
      storageKey: storageKeys.publicKey,
      close: async () => {
        await service.stop();
        await neighbours.close();
      },
    };
  } catch (error) {
    await neighbours.close();
    throw error;
  }
}
