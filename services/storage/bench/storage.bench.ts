// npm run bench:storage — ingest and export of 1 GiB through the storage service, against the
// raw minio client moving the same bytes on the same S3 server in the same run (issue 6).
// Not a test. STORAGE_BENCH_MIB sets the size (default 1024).
import 'reflect-metadata';
import http from 'node:http';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as Minio from 'minio';
import { startTestIssuer } from '@custos/auth';
import {
  infraFromEnv,
  infraToEnv,
  ServerHandle,
  startCephRgw,
  startEmbeddedPostgres,
  startRecorded,
  stopTestServers,
  testS3Client,
} from '@custos/testing';
import {
  approvalDocument,
  generatedFootage,
  owner,
  putStream,
  signed,
  startStorageApp,
} from '../src/testing/storage.test-support';

const MIB = 1024 * 1024;
const SIZE = Number(process.env.STORAGE_BENCH_MIB ?? 1024) * MIB;

async function servers(): Promise<ServerHandle[]> {
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

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });

class RssSampler {
  peak = 0;
  private timer?: NodeJS.Timeout;
  start(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
    this.timer = setInterval(() => (this.peak = Math.max(this.peak, process.memoryUsage().rss)), 20);
  }
  stop(): void {
    clearInterval(this.timer);
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }
}

async function main(): Promise<void> {
  const handles = await servers();
  try {
    Object.assign(process.env, infraToEnv(infraFromEnv()!));
    const issuer = await startTestIssuer();
    const t = await startStorageApp(issuer, 'bench-storage');
    const token = await issuer.tokenFor(owner());
    const raw = testS3Client();
    const bucket = t.store.bucket;
    const mibps = (s: number) => (SIZE / MIB / s).toFixed(1).padStart(6);
    console.log(`custos bench:storage — ${SIZE / MIB} MiB, same Ceph RGW, one run\n`);

    // A fresh OSD allocates as it first fills: warm it, so neither side pays that alone.
    // Small parts, so the warm-up leaves no large buffers in the heap we sample.
    const warmer = new Minio.Client({ ...infraFromEnv()!.s3, partSize: 5 * MIB });
    await warmer.putObject(bucket, 'bench/warm-up', generatedFootage(SIZE), SIZE);
    // Ours first, so the raw client's part buffers do not sit in the heap we sample.
    const rss = new RssSampler();
    const baseline = process.memoryUsage().rss;
    rss.start();
    const ingest = await seconds(async () => {
      const response = await putStream(
        `${t.url}/footage/segments/bench-1?cameraId=cam-1&from=2026-02-10T10:00:00Z&to=2026-02-10T11:00:00Z&container=mp4&codec=h264`,
        token,
        generatedFootage(SIZE),
      );
      if (response.status !== 201)
        throw new Error(`ingest answered ${response.status}: ${JSON.stringify(response.body)}`);
    });
    rss.stop();

    let exportId = '';
    rss.start();
    const exported = await seconds(async () => {
      const response = await fetch(`${t.url}/footage/exports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ approval: signed(approvalDocument(), t.issuerKeys.privateKey) }),
      });
      const body = (await response.json()) as { exportId: string };
      if (response.status !== 201) throw new Error(`export answered ${response.status}: ${JSON.stringify(body)}`);
      exportId = body.exportId;
    });
    rss.stop();

    rss.start();
    const download = await seconds(async () => {
      const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
        http
          .get(`${t.url}/footage/exports/${exportId}`, { headers: { authorization: `Bearer ${token}` } }, resolve)
          .on('error', reject),
      );
      await pipeline(response, sink());
    });
    rss.stop();

    const rawPut = await seconds(() => raw.putObject(bucket, 'bench/raw-put', generatedFootage(SIZE), SIZE));
    const rawCopy = await seconds(async () =>
      raw.putObject(bucket, 'bench/raw-copy', await raw.getObject(bucket, 'bench/raw-put'), SIZE),
    );
    const rawGet = await seconds(async () => pipeline(await raw.getObject(bucket, 'bench/raw-put'), sink()));

    const line = (what: string, ours: number, rawS: number, rawWhat: string, target = '(target >= 0.8)') =>
      console.log(
        `${what.padEnd(24)} ${mibps(ours)} MiB/s   ${rawWhat.padEnd(24)} ${mibps(rawS)} MiB/s   ratio ${(rawS / ours).toFixed(2)} ${target}`,
      );
    line('ingest (HTTP -> S3)', ingest, rawPut, 'raw putObject');
    line('export (S3 -> tar -> S3)', exported, rawCopy, 'raw getObject->putObject');
    // Informational: the service and the client share this process, so the HTTP hop costs twice.
    line('download package', download, rawGet, 'raw getObject', '(no target)');
    console.log(
      `peak RSS during ingest/export/download: ${(rss.peak / MIB).toFixed(0)} MB (growth ${((rss.peak - baseline) / MIB).toFixed(0)} MB over ${(baseline / MIB).toFixed(0)} MB at start; target < 200 MB)`,
    );
    await t.close();
    await issuer.close();
  } finally {
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
