// npm run bench:lifecycle — the Article 17–18 lifecycle (file → co-sign → approve) through the
// real broker, against the bare event hop (append → relay → broker → consumer) in the same run,
// and the approval-queue query with 100 000 requests stored (issue 5). Not a test.
// Standalone: starts its own Postgres and Kafka-protocol broker unless the environment has them.
// An open loop at BENCH_RATE lifecycles/s (default 15) for BENCH_OPEN_SECONDS (default 20), whose p99
// the goal is judged by, then a closed loop: BENCH_LIFECYCLES (default 200) by BENCH_CONCURRENCY
// callers (default 8). BENCH_QUEUE_ROWS (default 100000; 0 leaves the queue part out), read
// BENCH_QUEUE_READS times (default 300) each way; BENCH_ONLY=queue runs the queue part alone,
// and BENCH_QUEUE_PROFILE=<file.cpuprofile> writes a CPU profile of its reads.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Session } from 'node:inspector';
import { loadavg } from 'node:os';
import { constants as perf, PerformanceObserver } from 'node:perf_hooks';
import { startTestIssuer, TestIssuer } from '@custos/auth';
import { EventRegistry, eventTopic } from '@custos/contracts';
import { EventConsumer, EventStore, KafkaTransport, OutboxRelay, ensureEventStoreSchema } from '@custos/eventstore';
import {
  ServerHandle,
  createTestDatabase,
  infraFromEnv,
  startEmbeddedPostgres,
  startKafkaMock,
  startRecorded,
  stopTestServers,
  uniqueTopicPrefix,
  waitFor,
} from '@custos/testing';
import { IsInt } from 'class-validator';
import { Pool } from 'pg';
import request from 'supertest';
import { ApprovalQueue } from '../src/queries/approval-queue/approval-queue.query';
import { ApprovalQueueQueryDto } from '../src/queries/approval-queue/approval-queue.request.dto';
import { seedApprovalQueue } from './seed-queue';
import { measuredCpu } from './cpu-share';
import { eventPathCpu } from './event-cpu';
import { ApprovalsTestApp, startApprovalsApp } from '../src/testing/approvals-app';
import { startRequestsProcess } from '../src/testing/requests-process';
import { approverPrincipal, officerPrincipal, WORLD } from '@custos/testing';

const LIFECYCLES = Number(process.env.BENCH_LIFECYCLES ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const QUEUE_ROWS = Number(process.env.BENCH_QUEUE_ROWS ?? 100_000);
const QUEUE_READS = Number(process.env.BENCH_QUEUE_READS ?? 300);
const ONLY = process.env.BENCH_ONLY;
/** The open loop: lifecycles offered a second (the issue's baseline was taken at 15/s), and for how long. */
const OPEN_RATE = Number(process.env.BENCH_RATE ?? 15);
const OPEN_SECONDS = Number(process.env.BENCH_OPEN_SECONDS ?? 20);
/** How long the idle floor is measured, after the warm-up lifecycle. */
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 5);
const fastGroups = { sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 };

async function servers(): Promise<ServerHandle[]> {
  if (infraFromEnv()) return [];
  const handles: ServerHandle[] = [];
  const [pg, kafka] = await Promise.all([startRecorded(handles, startEmbeddedPostgres), startRecorded(handles, startKafkaMock)]);
  Object.assign(process.env, { DATABASE_URL: pg.url, KAFKA_BROKERS: kafka.brokers.join(','), S3_ENDPOINT: 'http://127.0.0.1:1', S3_ACCESS_KEY: '-', S3_SECRET_KEY: '-' });
  return handles;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

/**
 * Waits for rows to appear, for every waiting lifecycle at once: one query per `intervalMs` on
 * a connection of its own. (Each lifecycle polling alone, on the service's own pool, was itself
 * a load of ~4,000 queries/s at 8 lifecycles and took the service's connections.)
 */
class RowWatcher {
  private readonly waiting = new Map<string, () => void>();
  private readonly pool: Pool;
  private timer?: NodeJS.Timeout;

  constructor(databaseUrl: string, private readonly sql: string, private readonly intervalMs = 2) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 1 });
  }

  until(id: string, timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error(`timed out waiting for ${id}: ${this.sql}`)), timeoutMs);
      this.waiting.set(id, () => (clearTimeout(timeout), resolve()));
      this.timer ??= setTimeout(() => void this.poll(), 0);
    });
  }

  private async poll(): Promise<void> {
    const { rows } = await this.pool.query(this.sql, [[...this.waiting.keys()]]).catch(() => ({ rows: [] }));
    for (const { id } of rows as { id: string }[]) {
      this.waiting.get(id)?.();
      this.waiting.delete(id);
    }
    this.timer = this.waiting.size > 0 ? setTimeout(() => void this.poll(), this.intervalMs) : undefined;
  }

  close(): Promise<void> {
    clearTimeout(this.timer);
    return this.pool.end();
  }
}

class Hop {
  @IsInt() n!: number;
}

/** The bare kernel path every lifecycle step rides on: append → relay → broker → inbox consumer. */
async function bareHop(brokers: string[], count: number): Promise<number[]> {
  const url = await createTestDatabase('bench-hop');
  const pool = new Pool({ connectionString: url, max: 8 });
  await ensureEventStoreSchema(pool);
  const registry = new EventRegistry().register({ type: 'bench.Hopped', schemaVersion: 1, payload: Hop });
  const store = new EventStore(pool, 'bench', registry);
  const prefix = uniqueTopicPrefix('bench-hop');
  const transport = new KafkaTransport({ brokers, clientId: 'bench-hop', ...fastGroups });
  const relay = new OutboxRelay({ service: 'bench', connection: { connectionString: url }, transport, topicPrefix: prefix, idlePollMs: 500 });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const consumer = new EventConsumer({
    name: 'bench-hop',
    topics: [eventTopic('bench', prefix)],
    pool,
    transport,
    registry,
    handle: async (event) => {
      const t0 = sentAt.get(event.aggregateId);
      if (t0 !== undefined) latencies.push(performance.now() - t0);
    },
  });
  try {
    relay.start();
    await consumer.start();
    const warm = `warm-${randomUUID()}`;
    sentAt.set(warm, performance.now());
    await store.append({ aggregateId: warm, expectedVersion: 0, events: [{ type: 'bench.Hopped', schemaVersion: 1, payload: { n: 0 }, actor: { subject: 'bench' }, correlationId: warm }] });
    await waitFor('the consumer group to join', async () => (latencies.length > 0 ? true : undefined), 120_000, 50);
    latencies.length = 0;
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      sentAt.set(id, performance.now());
      await store.append({ aggregateId: id, expectedVersion: 0, events: [{ type: 'bench.Hopped', schemaVersion: 1, payload: { n: i }, actor: { subject: 'bench' }, correlationId: id }] });
      await waitFor('the hop', async () => (latencies.length > i ? true : undefined), 30_000, 1);
    }
    return latencies;
  } finally {
    await consumer.stop();
    await relay.stop();
    await transport.close();
    await pool.end();
  }
}

interface Phases {
  approvals: ApprovalsTestApp;
  requests: Awaited<ReturnType<typeof startRequestsProcess>>;
  requestsDb: string;
  issuer: TestIssuer;
  brokers: string[];
}

/** The lifecycles: an open loop at the issue's rate, a closed loop, and the bare hop under them. Their figures for the report. */
async function lifecyclePhases({ approvals, requests, requestsDb, issuer, brokers }: Phases): Promise<Record<string, number>> {
  const casesOpen = new RowWatcher(approvals.databaseUrl, 'SELECT request_id AS id FROM ap_cases WHERE request_id = ANY($1)');
  const decisions = new RowWatcher(requestsDb, 'SELECT request_id AS id FROM rq_decisions WHERE request_id = ANY($1)');
  try {
    const tokens = {
      filer: await issuer.tokenFor(officerPrincipal('station-yanta-a', 'station-yanta')),
      coSigner: await issuer.tokenFor(officerPrincipal('station-yanta-b', 'station-yanta')),
    };
    const approver = await approvals.as(approverPrincipal('psb-yanta'));

    // Each lifecycle's steps, as shares of its time: the HTTP commands and the two broker hops.
    const stepNames = ['file+co-sign (HTTP)', 'hop to approvals (case open)', 'approve (HTTP)', 'hop back (decision in requests)'];
    let steps: number[][] = stepNames.map(() => []);
    /** One lifecycle; its latency counts from `from` (an open loop's scheduled start), by default its own start. */
    const lifecycle = async (from = performance.now()): Promise<number> => {
      const t0 = performance.now();
      const now = Date.now();
      const filed = await request(requests.baseUrl)
        .post('/v1/requests')
        .set('authorization', `Bearer ${tokens.filer}`)
        .send({ kind: 'COPY', caseReference: 'BENCH', purpose: 'benchmark', cameraIds: ['cam-mall-1'], window: { from: new Date(now - 3_600_000).toISOString(), to: new Date(now - 60_000).toISOString() } });
      if (filed.status !== 201) throw new Error(`file: ${filed.status} ${JSON.stringify(filed.body)}`);
      const id = filed.body.requestId as string;
      const coSigned = await request(requests.baseUrl).post(`/v1/requests/${id}/co-sign`).set('authorization', `Bearer ${tokens.coSigner}`);
      if (coSigned.status !== 200) throw new Error(`co-sign: ${coSigned.status}`);
      const t1 = performance.now();
      await casesOpen.until(id);
      const t2 = performance.now();
      const approved = await approver.post(`/v1/approval-cases/${id}/approve`);
      if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.body)}`);
      const t3 = performance.now();
      await decisions.until(id);
      const t4 = performance.now();
      [t1 - t0, t2 - t1, t3 - t2, t4 - t3].forEach((t, i) => steps[i].push(t));
      return t4 - from;
    };

    process.stdout.write('warming up (consumer-group joins)…\n');
    await lifecycle();
    // What the processes spend with nothing to do (consumers' fetches, relays, heartbeats): the floor under the shares below.
    const idle = (await measuredCpu(() => new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000)))).cpu;

    /** A phase's figures: latencies, steps, and the CPU its processes spent a lifecycle (all of it, and above the idle floor). */
    const measure = async (label: string, count: number, drive: () => Promise<number[]>): Promise<number[]> => {
      steps = stepNames.map(() => []);
      const { result: latencies, seconds, cpu } = await measuredCpu(drive);
      const perLifecycle = (cores: number) => ((cores * seconds * 1000) / count).toFixed(0);
      process.stdout.write(
        `${label}: ${(count / seconds).toFixed(1)}/s done, p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))} (load ${loadavg().map((l) => l.toFixed(2)).join(' ')})\n` +
          stepNames.map((step, i) => `  ${step}: p50 ${ms(percentile(steps[i], 50))}, p99 ${ms(percentile(steps[i], 99))}\n`).join('') +
          // Read the figures above against this: time a lifecycle's processes stood runnable in the run queue is the machine's, not theirs.
          (cpu
            ? `  its processes (this one with approvals and the load, requests, Postgres, the broker) ran ${(cpu.running * 100).toFixed(0)}% of a core: ` +
              `${perLifecycle(cpu.running)} ms of CPU a lifecycle, ${perLifecycle(cpu.running - (idle?.running ?? 0))} above the idle floor; ` +
              `waited for a free core ${(cpu.waiting * 100).toFixed(0)}% (wait/run ${(cpu.waiting / cpu.running).toFixed(1)})\n` +
              `  by process, % of a core (idle floor before the runs): ${[...cpu.byProcess].sort((a, b) => b[1] - a[1]).map(([name, share]) => `${name} ${(share * 100).toFixed(0)} (${((idle?.byProcess.get(name) ?? 0) * 100).toFixed(0)})`).join(', ')}\n`
            : ''),
      );
      return latencies;
    };

    // The issue's figure: lifecycles arriving on a fixed schedule whatever the system does (an
    // open loop), each timed from its scheduled start, so that time spent queued counts.
    const openCount = Math.round(OPEN_RATE * OPEN_SECONDS);
    const open = await measure(`open loop, ${OPEN_RATE}/s offered for ${OPEN_SECONDS} s (${openCount})`, openCount, async () => {
      const origin = performance.now();
      return Promise.all(
        Array.from({ length: openCount }, (_, i) => {
          const scheduled = origin + (i * 1000) / OPEN_RATE;
          return new Promise<number>((resolve, reject) => setTimeout(() => lifecycle(scheduled).then(resolve, reject), scheduled - performance.now()));
        }),
      );
    });
    // As fast as the machine goes: CONCURRENCY callers, each starting its next lifecycle when the last ends.
    let next = 0;
    const closed = await measure(`closed loop, ${CONCURRENCY} callers (${LIFECYCLES})`, LIFECYCLES, async () => {
      const latencies: number[] = [];
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next++ < LIFECYCLES) latencies.push(await lifecycle());
        }),
      );
      return latencies;
    });

    const hops = await bareHop(brokers, Math.min(LIFECYCLES, 200));
    const [openP99, closedP99, hopP50, hopP99] = [percentile(open, 99), percentile(closed, 99), percentile(hops, 50), percentile(hops, 99)];
    process.stdout.write(
      `bare event hop (append → relay → broker → consumer): p50 ${ms(hopP50)}, p99 ${ms(hopP99)}; closed-loop lifecycle / bare hop: p99 ${(closedP99 / hopP99).toFixed(2)}\n` +
        `goal lifecycle p99 < 300 ms, judged at ${OPEN_RATE}/s offered (the issue's baseline: p99 1,311 ms at 15/s): p99 ${ms(openP99)}, ` +
        `${openP99 < 300 ? 'met' : 'MISSED'} (load ${loadavg().map((l) => l.toFixed(2)).join(' ')})\n`,
    );
    return {
      lifecycles: LIFECYCLES,
      concurrency: CONCURRENCY,
      openLoopRate: OPEN_RATE,
      openLoopP50Ms: Number(percentile(open, 50).toFixed(1)),
      openLoopP99Ms: Number(openP99.toFixed(1)),
      closedLoopP50Ms: Number(percentile(closed, 50).toFixed(1)),
      closedLoopP99Ms: Number(closedP99.toFixed(1)),
      bareHopP50Ms: Number(percentile(hops, 50).toFixed(1)),
      bareHopP99Ms: Number(percentile(hops, 99).toFixed(1)),
    };
  } finally {
    await Promise.all([casesOpen.close(), decisions.close()]);
  }
}

/**
 * A CPU profile of `work` written to `path` (BENCH_QUEUE_PROFILE), to see where a read's time
 * goes; `work` alone when no path is given.
 */
async function profiled<T>(path: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!path) return work();
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: object };
    writeFileSync(path, JSON.stringify(profile));
    session.disconnect();
    process.stdout.write(`CPU profile of the queue's reads: ${path}\n`);
  }
}

/** The garbage collector's pauses while `work` runs: young-generation scavenges and full collections, how many, in all and the longest. */
async function gcPauses<T>(work: () => Promise<T>): Promise<{ result: T; summary: string }> {
  const pauses: { kind: number; ms: number }[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => pauses.push({ kind: (e as { detail?: { kind?: number } }).detail?.kind ?? -1, ms: e.duration })));
  observer.observe({ entryTypes: ['gc'] });
  try {
    const result = await work();
    await new Promise((resolve) => setImmediate(resolve));
    const of = (kind: number, name: string) => {
      const own = pauses.filter((p) => p.kind === kind).map((p) => p.ms);
      return `${own.length} ${name} (${own.reduce((a, b) => a + b, 0).toFixed(0)} ms, longest ${Math.max(0, ...own).toFixed(1)} ms)`;
    };
    return { result, summary: `${of(perf.NODE_PERFORMANCE_GC_MINOR, 'scavenges')}, ${of(perf.NODE_PERFORMANCE_GC_MAJOR, 'full collections')}` };
  } finally {
    observer.disconnect();
  }
}

/** A server of its own on the application's handler, listening, for a client that keeps its connection (the app's own is left to supertest). */
async function listening(approvals: ApprovalsTestApp): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(approvals.app.getHttpAdapter().getInstance());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * The approval queue with QUEUE_ROWS cases, read three ways turn about, so that each sees the
 * same load: over HTTP as the tests call it (supertest: a connection a read, the goal's figure),
 * over a kept-alive connection as the console's browser would, and the query without HTTP and
 * JWT; then its counts.
 */
async function queuePhase(approvals: ApprovalsTestApp): Promise<Record<string, number | boolean>> {
  process.stdout.write(`seeding ${QUEUE_ROWS} approval cases…\n`);
  await seedApprovalQueue(approvals.pool, QUEUE_ROWS);
  const principal = approverPrincipal('psb-xian');
  const queueApi = await approvals.as(principal);
  const authorization = `Bearer ${await approvals.issuer.tokenFor(principal)}`;
  const server = await listening(approvals);
  const queue = approvals.app.get(ApprovalQueue);
  try {
    for (let i = 0; i < 20; i++) await queueApi.get('/v1/approval-cases?limit=50');
    // The console pages by cursor: a position deep in the queue, as a head scrolling far would send it.
    // At most 11 pages of 200 in: a smaller queue (BENCH_QUEUE_ROWS) stops at its last page.
    let cursor = (await queueApi.get('/v1/approval-cases?limit=200')).body.nextCursor as string | null;
    for (let i = 0; cursor && i < 10; i++) {
      const next = (await queueApi.get(`/v1/approval-cases?limit=200&cursor=${cursor}`)).body.nextCursor as string | null;
      if (!next) break;
      cursor = next;
    }
    const shapes: [string, ApprovalQueueQueryDto][] = [
      ['limit=50', { limit: 50 }],
      ['limit=50&kind=COPY', { limit: 50, kind: 'COPY' }],
      ['limit=50&kind=RETRIEVE', { limit: 50, kind: 'RETRIEVE' }],
      ['limit=50&requestingOrganisationId=ss-yanta', { limit: 50, requestingOrganisationId: 'ss-yanta' }],
      ...(cursor ? [[`limit=50&cursor=${cursor}`, { limit: 50, cursor }] as [string, ApprovalQueueQueryDto]] : []),
    ];
    const timed = async (read: () => Promise<unknown>, into: number[]) => {
      const t0 = performance.now();
      await read();
      into.push(performance.now() - t0);
    };
    const [http, keptAlive, direct] = [[], [], []] as number[][];
    const byQuery = new Map<string, number[]>();
    const gc = await gcPauses(() => profiled(process.env.BENCH_QUEUE_PROFILE, async () => {
      for (let i = 0; i < QUEUE_READS; i++) {
        const [query, dto] = shapes[i % shapes.length];
        const path = `/v1/approval-cases?${query}`;
        await timed(async () => {
          const res = await queueApi.get(path);
          if (res.status !== 200 || res.body.items.length === 0) throw new Error(`queue ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        }, http);
        const shape = query.replace(/cursor=[^&]+/, 'cursor=c');
        byQuery.set(shape, [...(byQuery.get(shape) ?? []), http[http.length - 1]]);
        await timed(async () => {
          const res = await fetch(`${server.url}${path}`, { headers: { authorization } });
          if (res.status !== 200 || ((await res.json()) as { items: unknown[] }).items.length === 0) throw new Error(`queue (kept alive): ${res.status}`);
        }, keptAlive);
        await timed(() => queue.forApprover(principal, dto, new Date()), direct);
      }
    }));

    // The console's counts (by kind, oldest) go beside the page, not inside it: measured apart, no target of their own.
    const countLatencies: number[] = [];
    for (let i = 0; i < 50; i++) {
      await timed(async () => {
        const res = await queueApi.get(['/v1/approval-cases/counts', '/v1/approval-cases/counts?kind=RETRIEVE'][i % 2]);
        if (res.status !== 200) throw new Error(`counts: ${res.status}`);
      }, countLatencies);
    }

    const fixed = (samples: number[], p: number) => Number(percentile(samples, p).toFixed(1));
    const report = {
      queueRows: QUEUE_ROWS,
      queueQueryP50Ms: fixed(http, 50),
      queueQueryP99Ms: fixed(http, 99),
      queueTargetMet: percentile(http, 99) < 20,
      queueKeptAliveP50Ms: fixed(keptAlive, 50),
      queueKeptAliveP99Ms: fixed(keptAlive, 99),
      queueQueryWithoutHttpP50Ms: fixed(direct, 50),
      queueQueryWithoutHttpP99Ms: fixed(direct, 99),
      queueCountsP50Ms: fixed(countLatencies, 50),
      queueCountsP99Ms: fixed(countLatencies, 99),
    };
    process.stdout.write(
      [
        `approval queue with ${QUEUE_ROWS} cases: p50 ${ms(report.queueQueryP50Ms)}, p99 ${ms(report.queueQueryP99Ms)} (target < 20 ms: ${report.queueTargetMet ? 'met' : 'NOT met'})`,
        `  over a kept-alive connection: p50 ${ms(report.queueKeptAliveP50Ms)}, p99 ${ms(report.queueKeptAliveP99Ms)}`,
        `  the same queries without HTTP and JWT (ApprovalQueue.forApprover): p50 ${ms(report.queueQueryWithoutHttpP50Ms)}, p99 ${ms(report.queueQueryWithoutHttpP99Ms)}`,
        // A read that waits for a collection is in the tail: read the p99s against these pauses (this process: the service and its callers).
        `  the garbage collector paused this process during the reads: ${gc.summary}`,
        ...[...byQuery].map(([q, l]) => `  ${q}: p50 ${ms(percentile(l, 50))}, p99 ${ms(percentile(l, 99))}`),
        `  /approval-cases/counts (beside the page, by kind): p50 ${ms(report.queueCountsP50Ms)}, p99 ${ms(report.queueCountsP99Ms)}`,
      ].join('\n') + '\n',
    );
    return report;
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  // The services below run unsigned, as the test modules build them: what signing changes, per event.
  process.stdout.write(`${eventPathCpu()}\n`);
  const handles = await servers();
  const brokers = process.env.KAFKA_BROKERS!.split(',');
  const issuer = await startTestIssuer();
  const topicPrefix = uniqueTopicPrefix('bench-lifecycle');
  const transport = new KafkaTransport({ brokers, clientId: 'approvals', ...fastGroups });
  const requestsDb = await createTestDatabase('bench-requests');
  const approvals = await startApprovalsApp({ transport, topicPrefix, runWorkers: true }, issuer);
  const requests = await startRequestsProcess({ databaseUrl: requestsDb, brokers, topicPrefix, auth: issuer.authConfig(), registry: WORLD });
  try {
    const lifecycles = ONLY === 'queue' ? {} : await lifecyclePhases({ approvals, requests, requestsDb, issuer, brokers });
    const queue = QUEUE_ROWS === 0 ? {} : await queuePhase(approvals);
    process.stdout.write(`${JSON.stringify({ ...lifecycles, ...queue })}\n`);
  } finally {
    await requests.stop();
    await approvals.close();
    await transport.close();
    await issuer.close();
    await stopTestServers(handles);
  }
}

main().catch((error) => {
  process.stderr.write(`${String(error?.stack ?? error)}\n`);
  process.exit(1);
});
