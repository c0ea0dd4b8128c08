// npm run bench:storage — ingest and export of 1 GiB through the storage service, against the
// raw minio client moving the same bytes on the same S3 server in the same run (issue 6).
// Not a test. The service runs as its own process (main.ts, STORAGE_DRIVER=s3), so the memory
// figures are the service's alone (VmHWM of its /proc status), not this client's.
//   STORAGE_BENCH_MIB      size of each transfer (default 1024)
//   STORAGE_BENCH_ROUNDS   rounds (default 2); odd rounds run the raw client first, so a
//                          server that drifts during the run favours neither side
//   STORAGE_BENCH_RUNTIME  `compiled` (default: compiled ahead as by npm run build, as
//                          deploy/docker runs it) or `register` (through @swc-node/register, as
//                          npm start runs it); the idle memory of the other one is reported too
// Starts its own Postgres and Ceph RGW unless DATABASE_URL, KAFKA_BROKERS and S3_* are set;
// each run writes about (1 + 4 × rounds) × size into the bucket, locked for 30 days.
import 'reflect-metadata';
import http from 'node:http';
import os from 'node:os';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as Minio from 'minio';
import { startTestIssuer, TestIssuer } from '@custos/auth';
import { infraFromEnv, infraToEnv, stopTestServers, testS3Client } from '@custos/testing';
import { benchServers, Memory, mb, Runtime, startStorageProcess, StorageProcess } from '../src/testing/storage-process';
import { approvalDocument, generatedFootage, owner, putStream, signed } from '../src/testing/storage.test-support';

const MIB = 1024 * 1024;
const SIZE = Number(process.env.STORAGE_BENCH_MIB ?? 1024) * MIB;
const ROUNDS = Number(process.env.STORAGE_BENCH_ROUNDS ?? 2);
const RUNTIME: Runtime = process.env.STORAGE_BENCH_RUNTIME === 'register' ? 'register' : 'compiled';
const RSS_TARGET = 200 * MIB;

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });
const mibps = (s: number) => (SIZE / MIB / s).toFixed(1).padStart(6);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

interface Measured {
  /** Seconds of the service's side and of the raw client's. */
  readonly ours: number;
  readonly raw: number;
  /** The service's peak resident set during its side (VmHWM after a reset). */
  readonly peak: number;
  /** CPU seconds the service spent on its side. */
  readonly cpu: number;
}

/** Memory of the service in the other runtime, right after start. */
async function idleIn(issuer: TestIssuer, runtime: Runtime): Promise<Memory> {
  const other = await startStorageProcess(issuer, `bench-idle-${runtime}`, runtime);
  try {
    return other.service.memory();
  } finally {
    await other.close();
  }
}

async function main(): Promise<void> {
  const handles = await benchServers();
  let issuer: TestIssuer | undefined;
  let storage: StorageProcess | undefined;
  try {
    const infra = infraFromEnv()!;
    Object.assign(process.env, infraToEnv(infra));
    issuer = await startTestIssuer();
    const otherRuntime: Runtime = RUNTIME === 'register' ? 'compiled' : 'register';
    const otherIdle = await idleIn(issuer, otherRuntime);
    storage = await startStorageProcess(issuer, 'bench-storage', RUNTIME);
    const { service, bucket, approvalKeys } = storage;
    const atReady = service.memory();
    const raw = testS3Client();
    console.log(
      `custos bench:storage — ${SIZE / MIB} MiB × ${ROUNDS} rounds, same Ceph RGW; storage service in its own process ` +
        `(pid ${service.pid}, ${RUNTIME}); raw minio client with its default ${raw.partSize / MIB} MiB parts\n`,
    );

    // A fresh OSD allocates as it first fills: warm it, so neither side pays that alone.
    await new Minio.Client({ ...infra.s3, partSize: 16 * MIB }).putObject(
      bucket,
      'bench/warm-up',
      generatedFootage(SIZE),
      SIZE,
    );

    const token = () => issuer!.tokenFor(owner());
    /** The service's side with a fresh peak: its seconds, peak and CPU. */
    const ours = async (work: () => Promise<unknown>) => {
      service.resetPeak();
      const cpu = service.cpuSeconds();
      const time = await seconds(work);
      return { time, peak: service.memory().peak, cpu: service.cpuSeconds() - cpu };
    };
    const pair = async (rawFirst: boolean, our: () => Promise<unknown>, rawWork: () => Promise<unknown>) => {
      const theirsBefore = rawFirst ? await seconds(rawWork) : 0;
      const mine = await ours(our);
      const theirs = rawFirst ? theirsBefore : await seconds(rawWork);
      return { ours: mine.time, raw: theirs, peak: mine.peak, cpu: mine.cpu } satisfies Measured;
    };

    const beforeMeasured = service.memory();
    const rows: { ingest: Measured; exported: Measured; download: Measured; load: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const rawFirst = round % 2 === 1;
      const day = `2026-02-${String(10 + round).padStart(2, '0')}`;
      const rawKey = `bench/raw-put-${round}`;
      const ingest = await pair(
        rawFirst,
        async () => {
          const response = await putStream(
            `${service.url}/v1/footage/segments/bench-${round}?cameraId=cam-1&from=${day}T10:00:00Z&to=${day}T11:00:00Z&container=mp4&codec=h264`,
            await token(),
            generatedFootage(SIZE),
            { 'content-length': String(SIZE) },
          );
          if (response.status !== 201)
            throw new Error(`ingest answered ${response.status}: ${JSON.stringify(response.body)}`);
        },
        () => raw.putObject(bucket, rawKey, generatedFootage(SIZE), SIZE),
      );

      let exportId = '';
      const now = Date.now();
      const document = approvalDocument(
        {
          number: `610113-001-2026-${String(100 + round).padStart(6, '0')}`,
          validFrom: new Date(now - 3_600_000).toISOString(),
          issuedAt: new Date(now - 3_600_000).toISOString(),
          validUntil: new Date(now + 86_400_000).toISOString(),
        },
        { cameraIds: ['cam-1'], window: { from: `${day}T10:00:00.000Z`, to: `${day}T12:00:00.000Z` } },
      );
      const exported = await pair(
        rawFirst,
        async () => {
          const response = await fetch(`${service.url}/v1/footage/exports`, {
            method: 'POST',
            headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
            body: JSON.stringify({ approval: signed(document, approvalKeys.privateKey) }),
          });
          const body = (await response.json()) as { exportId: string };
          if (response.status !== 201) throw new Error(`export answered ${response.status}: ${JSON.stringify(body)}`);
          exportId = body.exportId;
        },
        async () => raw.putObject(bucket, `bench/raw-copy-${round}`, await raw.getObject(bucket, rawKey), SIZE),
      );

      const download = await pair(
        rawFirst,
        async () => {
          const authorization = `Bearer ${await token()}`;
          const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
            http
              .get(`${service.url}/v1/footage/exports/${exportId}`, { headers: { authorization } }, resolve)
              .on('error', reject),
          );
          if (response.statusCode !== 200) throw new Error(`download answered ${response.statusCode}`);
          await pipeline(response, sink());
        },
        async () => pipeline(await raw.getObject(bucket, rawKey), sink()),
      );
      rows.push({ ingest, exported, download, load: os.loadavg()[0] });
    }
    const after = service.memory();

    const line = (what: string, m: Measured, rawWhat: string, target: string) =>
      console.log(
        `${what.padEnd(26)} ${mibps(m.ours)} MiB/s   ${rawWhat.padEnd(26)} ${mibps(m.raw)} MiB/s   ratio ${(m.raw / m.ours).toFixed(2)} ${target}   service peak ${mb(m.peak).padStart(4)} MB, CPU ${m.cpu.toFixed(1)} s`,
      );
    rows.forEach((row, round) => {
      console.log(
        `round ${round + 1} (${round % 2 === 1 ? 'raw client first' : 'service first'}; load average ${row.load.toFixed(1)} on ${os.cpus().length} cores at its end)`,
      );
      line('ingest (HTTP -> S3)', row.ingest, 'raw putObject', '(target >= 0.8)');
      line('export (S3 -> tar -> S3)', row.exported, 'raw getObject->putObject', '(target >= 0.8)');
      line('download package (HTTP)', row.download, 'raw getObject', '(no target)');
    });
    const summary = (what: string, pick: (r: (typeof rows)[number]) => Measured, target: string) => {
      const ratios = rows.map(pick).map((m) => m.raw / m.ours);
      console.log(
        `${what.padEnd(26)} ratio median ${median(ratios).toFixed(2)}, range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} ${target}`,
      );
    };
    console.log('\nsame-run ratios over the rounds (service throughput / raw client throughput)');
    summary('ingest', (r) => r.ingest, '(target >= 0.8)');
    summary('export', (r) => r.exported, '(target >= 0.8)');
    summary('download', (r) => r.download, '(no target)');
    const peak = Math.max(...rows.flatMap((r) => [r.ingest.peak, r.exported.peak, r.download.peak]));
    console.log(
      `\nstorage service RSS (its own process, /proc VmRSS / VmHWM), ${RUNTIME}: ${mb(atReady.rss)} MB when ready ` +
        `(start-up peak ${mb(atReady.peak)} MB), ${mb(beforeMeasured.rss)} MB before the measured phases, ` +
        `peak ${mb(peak)} MB during them, ${mb(after.rss)} MB after; target < 200 MB: ${peak < RSS_TARGET ? 'met' : 'NOT met'}`,
    );
    console.log(
      `for comparison, ${otherRuntime}: ${mb(otherIdle.rss)} MB when ready (start-up peak ${mb(otherIdle.peak)} MB)`,
    );
  } catch (error) {
    if (storage) console.error(`storage service output:\n${storage.service.log()}`);
    throw error;
  } finally {
    await storage?.close();
    await issuer?.close();
    await stopTestServers(handles);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
