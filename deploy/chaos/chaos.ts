// npm run chaos — the system-level fault suite. The services run as separate processes on
// real servers (a Postgres of the run's own, the harness's Kafka-protocol broker and S3, or
// those of the environment), while COPY and VIEW lifecycles are driven over HTTP; one fault
// per phase: kill -9 of each service in turn at a random moment (and its restart), a broker
// cut, a Postgres restart under load, S3 cut in the middle of exports, and, in the embedded
// mode, kill -9 of the whole `npm start` process group. After each, the figures: lifecycles
// acknowledged, completed, stuck; events and ledger leaves per service; lost, duplicated, gaps;
// time to ready. Exits 0 only when nothing was lost, duplicated, stuck or left a gap.
//
//   npm run chaos -- --lifecycles 200 --broker-cut-s 60 --s3-cut-s 10 --concurrency 4 --seed 7
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { infraFromEnv, ServerHandle, startTestServers, stopTestServers, TestInfra } from '@custos/testing';
import { Figures, formatFigures, settleAndCount } from './audit';
import { Cluster, Deployment, ROOT, SERVICE_NAMES } from './cluster';
import { freeLayoutPorts, LauncherProcess } from '../embedded/launcher-process';
import { ingestFootage, Kind, LifecycleDriver, LifecycleResult } from './lifecycles';

export interface ChaosOptions {
  readonly lifecycles: number;
  readonly brokerCutMs: number;
  readonly s3CutMs: number;
  readonly postgresDownMs: number;
  readonly concurrency: number;
  readonly seed: number;
  /** Per lifecycle, faults included. */
  readonly deadlineMs: number;
  /** After a phase, how long the ledger may take to catch up. */
  readonly settleMs: number;
  readonly embedded: boolean;
  /** Only the faults whose name contains this (a quick look at one). */
  readonly only?: string;
}

export function parseOptions(argv: readonly string[]): ChaosOptions {
  const arg = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return fallback;
    const value = Number(argv[i + 1]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number`);
    return value;
  };
  const brokerCutMs = arg('broker-cut-s', 60) * 1000;
  return {
    lifecycles: arg('lifecycles', 200),
    brokerCutMs,
    s3CutMs: arg('s3-cut-s', 10) * 1000,
    postgresDownMs: arg('postgres-down-s', 2) * 1000,
    concurrency: arg('concurrency', 4),
    seed: arg('seed', Date.now() % 100000),
    deadlineMs: arg('deadline-s', Math.max(240, brokerCutMs / 1000 + 180)) * 1000,
    settleMs: arg('settle-s', 120) * 1000,
    embedded: !argv.includes('--no-embedded'),
    only: argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined,
  };
}

/** mulberry32: the random moments of a run are repeatable from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line: string) => process.stdout.write(`${line}\n`);

/** A past hour of its own for the run's footage: every lifecycle asks for it. */
function footageWindow(): { from: string; to: string } {
  const hour = 3_600_000;
  const start = Math.floor(Date.now() / hour) * hour - 5 * hour;
  return { from: new Date(start).toISOString(), to: new Date(start + hour).toISOString() };
}

/** Runs `count` lifecycles, `concurrency` at a time, alternating COPY and VIEW unless `only` is given. */
function launch(
  driver: LifecycleDriver,
  prefix: string,
  count: number,
  concurrency: number,
  only?: Kind,
): { done: Promise<LifecycleResult[]>; started: () => number } {
  const results: LifecycleResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const kind: Kind = only ?? (i % 2 === 0 ? 'COPY' : 'VIEW');
      results.push(await driver.run(kind, `${prefix}-${kind[0]}${i}`));
    }
  };
  const done = Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker)).then(() => results);
  return { done, started: () => next };
}

interface Fault {
  readonly name: string;
  readonly only?: Kind;
  /** Injects the fault once the batch is running; answers the time until every service was ready again. */
  inject(): Promise<number | undefined>;
}

export async function runChaos(options: ChaosOptions, infra: TestInfra, handles: ServerHandle[]): Promise<Figures[]> {
  const rnd = random(options.seed);
  const run = `CHAOS-${Date.now().toString(36)}`;
  const clip = fs.readFileSync(path.join(ROOT, 'deploy/embedded/demo-footage/cam-entrance.mp4'));
  const window = footageWindow();
  // World-traversable: as root, the run's Postgres runs as the postgres user, with its data in here.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-chaos-'));
  fs.chmodSync(scratch, 0o755);
  const figures: Array<Figures> = [];
  const phases = SERVICE_NAMES.length + 3 + (options.embedded ? 1 : 0);
  const perPhase = Math.max(1, Math.ceil(options.lifecycles / phases));
  say(
    `chaos run ${run}: seed ${options.seed}, ${perPhase} lifecycles in each of ${phases} phases, ` +
      `broker cut ${options.brokerCutMs / 1000} s, S3 cut ${options.s3CutMs / 1000} s, concurrency ${options.concurrency}`,
  );

  const cluster = await Cluster.create(infra, handles, scratch);
  const driver = new LifecycleDriver(cluster, { deadlineMs: options.deadlineMs, window });
  const all: LifecycleResult[] = [];
  try {
    await seedRegistry(cluster);
    say(`${SERVICE_NAMES.length} services started as processes in ${((await cluster.startAll()) / 1000).toFixed(1)} s`);
    await ingestFootage(cluster, clip, `${run}-seg`, window);

    const faults: Fault[] = [
      ...SERVICE_NAMES.map((service) => ({
        name: `kill -9 ${service}`,
        inject: async () => {
          await cluster.kill(service);
          const t0 = Date.now();
          await cluster.start(service);
          await cluster.untilReady();
          return Date.now() - t0;
        },
      })),
      {
        name: `broker cut ${options.brokerCutMs / 1000} s`,
        inject: async () => {
          cluster.kafka.cut();
          await sleep(options.brokerCutMs);
          cluster.kafka.restore();
          return cluster.untilReady();
        },
      },
      {
        name: 'Postgres restart under load',
        inject: async () => {
          const t0 = Date.now();
          await cluster.restartPostgres(options.postgresDownMs);
          await cluster.untilReady();
          return Date.now() - t0;
        },
      },
      {
        name: `S3 cut ${options.s3CutMs / 1000} s in the middle of exports`,
        only: 'COPY',
        inject: async () => {
          await untilExporting(driver, 60_000);
          cluster.s3.cut();
          await sleep(options.s3CutMs);
          cluster.s3.restore();
          return cluster.untilReady();
        },
      },
    ];

    say(`service logs in ${cluster.logDir}`);
    for (const [index, fault] of faults.entries()) {
      if (options.only && !fault.name.includes(options.only)) continue;
      const batch = launch(driver, `${run}-${index}`, perPhase, options.concurrency, fault.only);
      // A random moment while the batch runs: a few lifecycles under way.
      await sleep(500 + rnd() * 2500);
      const timeToReadyMs = await fault.inject();
      const results = await batch.done;
      all.push(...results);
      const exits = cluster.unexpectedExits.map((e) => `${e.service} (${e.at})`);
      const counted = await settleAndCount(driver.logs, SERVICE_NAMES, fault.name, all, options.settleMs, timeToReadyMs, exits);
      figures.push(counted);
      say(formatFigures(counted));
    }
    for (const exit of cluster.unexpectedExits) say(`FINDING: ${exit.service} ended by itself at ${exit.at}; its last output:\n${exit.log.slice(-1500)}`);
  } finally {
    await driver.close();
    await cluster.stop();
  }

  if (options.embedded && (!options.only || 'npm start'.includes(options.only))) figures.push(await embeddedGroupKill(options, rnd, run, clip, window, perPhase));
  return figures;
}

/** Until some COPY lifecycle reached its export step (S3 is cut while exports run). */
async function untilExporting(driver: LifecycleDriver, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!driver.atStep('export') && Date.now() < deadline) await sleep(50);
}

/** The registry's demo organisations, officers and cameras, through its own seeder, before its process starts. */
async function seedRegistry(cluster: Cluster): Promise<void> {
  const { bootstrapService, JsonLogger, loadConfig } = await import('@custos/platform');
  const { AppModule } = await import('../../services/registry/src/app.module');
  const { RegistryConfig } = await import('../../services/registry/src/registry.config');
  const { RegistryDemoSeeder } = await import('../../services/registry/src/seed/registry-demo.seeder');
  const { CHAOS_DIAL_THROUGH: _direct, ...env } = cluster.envOf('registry');
  const config = loadConfig(RegistryConfig, env);
  const logger = new JsonLogger({ service: 'chaos-seed', level: 'error' });
  const app = await bootstrapService(AppModule.forRoot(config), { name: 'registry', config, logger, shutdownHooks: false });
  try {
    await app.get(RegistryDemoSeeder, { strict: false }).seed();
  } finally {
    await app.close();
  }
}

/** The embedded mode: `npm start` as its own process group, killed with kill -9 mid-lifecycles and started again. */
async function embeddedGroupKill(
  options: ChaosOptions,
  rnd: () => number,
  run: string,
  clip: Buffer,
  window: { from: string; to: string },
  count: number,
): Promise<Figures> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-chaos-embedded-'));
  fs.chmodSync(home, 0o755);
  const layout = { home, ...(await freeLayoutPorts()), logLevel: 'error' };
  const deployment: Deployment = {
    urlOf: (service) => launcher.urlOf(service),
    databaseUrlOf: (service) => `postgres://postgres:custos@127.0.0.1:${layout.postgresPort}/custos_${service}`,
  };
  let launcher = LauncherProcess.spawn(layout);
  const driver = new LifecycleDriver(deployment, { deadlineMs: options.deadlineMs, window });
  const endings: string[] = [];
  let finished = false;
  try {
    await launcher.untilRunning(300_000);
    await ingestFootage(deployment, clip, `${run}-embedded-seg`, window);
    const batch = launch(driver, `${run}-embedded`, count, options.concurrency);
    await sleep(500 + rnd() * 2500);
    launcher.signalGroup('SIGKILL');
    await launcher.exited;
    const t0 = Date.now();
    launcher = LauncherProcess.spawn(layout);
    await launcher.untilRunning(300_000);
    const timeToReadyMs = Date.now() - t0;
    // From here on, the launcher ending by itself is a finding; it is started again, as a service manager would.
    const watch = (current: LauncherProcess) =>
      void current.exited.then(() => {
        if (finished) return;
        endings.push(`npm start (${new Date().toISOString()}): ${current.log().slice(-1500)}`);
        launcher = LauncherProcess.spawn(layout);
        watch(launcher);
      });
    watch(launcher);
    const results = await batch.done;
    finished = true;
    // The launcher exiting by itself (not the kill) would show as a lifecycle stuck or a launcher not running.
    const counted = await settleAndCount(
      driver.logs,
      SERVICE_NAMES,
      'kill -9 of the npm start process group',
      results,
      options.settleMs,
      timeToReadyMs,
      endings,
    );
    say(formatFigures(counted));
    return counted;
  } finally {
    finished = true;
    await driver.close();
    launcher.signalGroup('SIGINT');
    const stopped = await Promise.race([launcher.exited, sleep(30_000).then(() => undefined)]);
    if (!stopped) launcher.signalGroup('SIGKILL');
    const postgres = launcher.postgresPid();
    if (postgres !== undefined) {
      try {
        process.kill(postgres, 'SIGKILL');
      } catch {
        // already stopped with the launcher
      }
    }
    fs.rmSync(home, { recursive: true, force: true });
  }
}

export function verdict(figures: readonly Figures[]): { ok: boolean; summary: string } {
  const last = figures.filter((f) => !f.fault.includes('npm start')).at(-1);
  const embedded = figures.find((f) => f.fault.includes('npm start'));
  const bad = [last, embedded]
    .filter((f): f is Figures => f !== undefined)
    .filter((f) => f.lost + f.duplicated + f.gaps + f.lifecycles.stuck + f.unexpectedExits.length > 0);
  const total = (pick: (f: Figures) => number) => [last, embedded].reduce((n, f) => n + (f ? pick(f) : 0), 0);
  return {
    ok: bad.length === 0 && figures.length > 0,
    summary:
      `chaos ${bad.length === 0 ? 'PASSED' : 'FAILED'}: lifecycles acknowledged ${total((f) => f.lifecycles.acknowledged)}, ` +
      `completed ${total((f) => f.lifecycles.completed)}, stuck ${total((f) => f.lifecycles.stuck)}; ` +
      `lost ${total((f) => f.lost)}, duplicated ${total((f) => f.duplicated)}, gaps ${total((f) => f.gaps)}; ` +
      `services that ended by themselves ${total((f) => f.unexpectedExits.length)}`,
  };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const t0 = Date.now();
  const given = infraFromEnv();
  const started = given ? { infra: given, handles: [] as ServerHandle[] } : await startTestServers();
  const handles = [...started.handles];
  try {
    const figures = await runChaos(options, started.infra, handles);
    const { ok, summary } = verdict(figures);
    say(`${summary} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    // One line for a machine (the e2e spec reads it).
    say(`CHAOS_FIGURES ${JSON.stringify(figures)}`);
    return ok ? 0 : 1;
  } finally {
    await stopTestServers(handles);
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`chaos run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(2);
    },
  );
}
