// The services as separate processes on real servers, for the chaos run: each service's
// database on a Postgres of the run's own (it is restarted under load, so never the harness's
// shared one), the events through the harness's Kafka-protocol broker behind fault proxies,
// footage and checkpoints on its S3 behind a fault proxy. Loopback only.
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as Minio from 'minio';
import { Client } from 'pg';
import {
  FaultProxy,
  freePort,
  KafkaFaultProxy,
  ServerHandle,
  startEmbeddedPostgres,
  startRecorded,
  TestInfra,
  uniqueName,
  writeRunState,
} from '@custos/testing';
import { compileWorkspace } from '../build';
import { DatabaseRole, embeddedDatabaseRoles, migrateEmbeddedDatabases } from '../embedded/embedded-migrations';
import { MIGRATIONS } from '../migrations';
import { SERVICE_NAMES } from '../embedded/launcher-process';

export const ROOT = path.resolve(__dirname, '../..');
export { SERVICE_NAMES };

/** Where a lifecycle driver and the audit find a deployment (the cluster, or the embedded launcher). */
export interface Deployment {
  urlOf(service: string): string;
  databaseUrlOf(service: string): string;
}

class ServiceProcess {
  private readonly output: string[] = [];
  readonly exited: Promise<void>;

  constructor(
    readonly child: ChildProcess,
    logFile: string,
  ) {
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString('utf8'));
      if (this.output.length > 300) this.output.shift();
      fs.appendFileSync(logFile, chunk);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  log(): string {
    return this.output.join('').slice(-6000);
  }
}

export class Cluster implements Deployment {
  private readonly processes = new Map<string, ServiceProcess>();
  /** Services that exited without being killed by the run: a finding. */
  readonly unexpectedExits: { service: string; at: string; log: string }[] = [];
  private readonly killing = new Set<string>();
  private stopping = false;

  private constructor(
    private readonly scratch: string,
    private readonly compiled: string,
    private readonly handles: ServerHandle[],
    private postgres: ServerHandle & { url: string },
    private readonly postgresDir: string,
    private readonly postgresPort: number,
    readonly kafka: KafkaFaultProxy,
    readonly s3: FaultProxy,
    private readonly ports: ReadonlyMap<string, number>,
    private readonly env: Record<string, string>,
    /** Each service's output, across its restarts: kept after the run, for the findings. */
    readonly logDir: string,
  ) {
    fs.mkdirSync(logDir, { recursive: true });
  }

  /** Starts the run's Postgres, the proxies, and compiles the services once (restarts start faster). */
  static async create(infra: TestInfra, handles: ServerHandle[], scratch: string): Promise<Cluster> {
    const postgresDir = path.join(scratch, 'pg');
    const postgresPort = await freePort();
    const postgres = await startRecorded(handles, () => startEmbeddedPostgres(postgresDir, postgresPort));
    const kafka = await KafkaFaultProxy.start(infra.kafkaBrokers);
    const s3 = await FaultProxy.start({ host: infra.s3.endPoint, port: infra.s3.port });
    const s3Client = new Minio.Client({ ...infra.s3 });
    const footage = uniqueName('chaos-footage');
    const checkpoints = uniqueName('chaos-checkpoints');
    for (const bucket of [footage, checkpoints]) await s3Client.makeBucket(bucket, infra.s3.region, { ObjectLocking: true });

    const admin = new Client({ connectionString: postgres.url });
    await admin.connect();
    for (const name of SERVICE_NAMES) await admin.query(`CREATE DATABASE chaos_${name}`);
    await admin.end();
    // Migrated as a deployment's migration jobs do; the services run as the runtime role.
    const asRole = (database: string, role?: DatabaseRole) => {
      const u = new URL(postgres.url);
      u.pathname = `/${database}`;
      if (role) [u.username, u.password] = [role.name, role.password];
      return u.toString();
    };
    await migrateEmbeddedDatabases({
      roles: embeddedDatabaseRoles(scratch),
      superuserUrl: (database) => asRole(database),
      urlAs: asRole,
      databases: SERVICE_NAMES.map((name) => ({ database: `chaos_${name}`, migrations: MIGRATIONS[name] })),
      log: () => undefined,
    });

    const compiled = path.join(scratch, 'compiled');
    compileWorkspace(compiled);
    // node_modules beside the compiled tree resolve as in dist/: the repository's, through a link.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(scratch, 'node_modules'));

    const ports = new Map<string, number>();
    for (const name of SERVICE_NAMES) ports.set(name, await freePort());
    const url = (name: string) => `http://127.0.0.1:${ports.get(name)}`;
    const dialThrough = infra.kafkaBrokers
      .map((broker, i) => `${broker.split(':').pop()}=${kafka.brokers[i].split(':').pop()}`)
      .join(',');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'warn',
      EMBEDDED_MODE: 'true',
      EVENT_BUS: 'kafka',
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: `${uniqueName('chaos')}.`,
      CHAOS_DIAL_THROUGH: dialThrough,
      CUSTOS_AUTH_ISSUER: url('registry'),
      CUSTOS_AUTH_JWKS_URL: `${url('registry')}/.well-known/jwks.json`,
      REGISTRY_URL: url('registry'),
      APPROVALS_URL: url('approvals'),
      STORAGE_URL: url('storage'),
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: `http://${s3.url}`,
      S3_ACCESS_KEY: infra.s3.accessKey,
      S3_SECRET_KEY: infra.s3.secretKey,
      S3_REGION: infra.s3.region,
      S3_BUCKET_FOOTAGE: footage,
      S3_BUCKET_CHECKPOINTS: checkpoints,
      LEDGER_CHECKPOINT_DRIVER: 's3',
      LEDGER_CHECKPOINT_INTERVAL_MS: '1000',
      LOCAL_STORE_DIR: path.join(scratch, 'store'),
      CUSTODY_KEYS_DIR: path.join(scratch, 'keys'),
      LEDGER_KEYS_DIR: path.join(scratch, 'keys'),
      EVENT_KEYS_DIR: path.join(scratch, 'keys'),
      LEDGER_CHECKPOINT_DIR: path.join(scratch, 'checkpoints'),
    };
    const logDir = path.join(ROOT, '.custos', 'chaos', path.basename(scratch));
    return new Cluster(scratch, compiled, handles, postgres, postgresDir, postgresPort, kafka, s3, ports, env, logDir);
  }

  urlOf(service: string): string {
    return `http://127.0.0.1:${this.ports.get(service)}`;
  }

  databaseUrlOf(service: string): string {
    const url = new URL(this.postgres.url);
    url.pathname = `/chaos_${service}`;
    return url.toString();
  }

  /** The environment `service` runs with. */
  envOf(service: string): Record<string, string> {
    const url = new URL(this.databaseUrlOf(service));
    const { runtime } = embeddedDatabaseRoles(this.scratch);
    [url.username, url.password] = [runtime.name, runtime.password];
    return { ...this.env, PORT: String(this.ports.get(service)), DATABASE_URL: url.toString() };
  }

  /** Spawns `service` (compiled main.js, the dial-through preload) and waits until it is ready; the time it took. */
  async start(service: string, timeoutMs = 120_000): Promise<number> {
    const t0 = Date.now();
    const child = spawn(
      process.execPath,
      ['-r', path.join(__dirname, 'dial-through.js'), path.join(this.compiled, 'services', service, 'src', 'main.js')],
      {
        cwd: this.scratch,
        env: this.envOf(service),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const running = new ServiceProcess(child, path.join(this.logDir, `${service}.log`));
    this.processes.set(service, running);
    this.recordPids();
    void running.exited.then(() => {
      if (this.killing.has(service) || this.stopping || this.processes.get(service) !== running) return;
      // A finding; and, as an orchestrator's restart policy would, the service is started again.
      this.unexpectedExits.push({ service, at: new Date().toISOString(), log: running.log() });
      setTimeout(() => {
        if (!this.stopping && this.processes.get(service) === running) void this.start(service).catch(() => undefined);
      }, 1000);
    });
    await this.untilReady([service], timeoutMs, () => {
      if (!running.alive) throw new Error(`${service} exited while starting:\n${running.log()}`);
    });
    return Date.now() - t0;
  }

  async startAll(): Promise<number> {
    const t0 = Date.now();
    // The registry first: the others fetch its keys and facts as they start.
    await this.start('registry');
    await Promise.all(SERVICE_NAMES.filter((s) => s !== 'registry').map((s) => this.start(s)));
    return Date.now() - t0;
  }

  /** kill -9 of one service. */
  async kill(service: string): Promise<void> {
    const running = this.processes.get(service);
    if (!running?.alive) return;
    this.killing.add(service);
    running.child.kill('SIGKILL');
    await running.exited;
    this.killing.delete(service);
  }

  /** Until every listed service answers 200 on /health/ready. */
  async untilReady(services: readonly string[] = SERVICE_NAMES, timeoutMs = 120_000, check?: () => void): Promise<number> {
    const t0 = Date.now();
    for (;;) {
      check?.();
      const statuses = await Promise.all(services.map((s) => readiness(this.urlOf(s))));
      if (statuses.every((s) => s === 200)) return Date.now() - t0;
      if (Date.now() - t0 > timeoutMs)
        throw new Error(`not ready after ${timeoutMs} ms: ${services.map((s, i) => `${s} ${statuses[i]}`).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Stops Postgres (fast shutdown, as an operator's restart) and starts it again on its data and port. */
  async restartPostgres(downMs: number): Promise<void> {
    await this.postgres.stop();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    this.postgres = await startRecorded(this.handles, () => startEmbeddedPostgres(this.postgresDir, this.postgresPort));
    this.recordPids();
  }

  logOf(service: string): string {
    return this.processes.get(service)?.log() ?? '';
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.processes.entries()].map(async ([service, running]) => {
        if (!running.alive) return;
        this.killing.add(service);
        running.child.kill('SIGTERM');
        const timer = setTimeout(() => running.child.kill('SIGKILL'), 15_000);
        await running.exited;
        clearTimeout(timer);
      }),
    );
    await this.kafka.close();
    await this.s3.close();
    await this.postgres.stop();
    fs.rmSync(this.scratch, { recursive: true, force: true, maxRetries: 3 });
  }

  /** The services' pids beside the servers', so that the reaper kills them too if the run dies. */
  private recordPids(): void {
    writeRunState({
      ownerPid: process.pid,
      servers: [
        ...this.handles.map((h) => ({ name: h.name, pids: h.pids(), scratchDirs: h.scratchDirs })),
        {
          name: 'chaos-services',
          pids: [...this.processes.values()].filter((p) => p.alive).map((p) => p.child.pid!),
          scratchDirs: [this.scratch],
        },
      ],
    });
  }
}

export async function readiness(url: string): Promise<number> {
  try {
    const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(3000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}
