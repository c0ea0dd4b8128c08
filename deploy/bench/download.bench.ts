// npm run bench:download — delivery of an export package through custody (issue 22) against a
// raw S3 GET of the same object on the same server in the same run. Not a test. Storage and
// custody each run as a process of their own (storage: main.ts, STORAGE_DRIVER=s3; custody:
// services/custody/bench/delivery-process.ts, its module with storage over HTTP as deployed),
// so custody's memory figure is custody's alone (VmHWM of its /proc status, reset before each
// download). The path measured is the one an officer's browser takes: GET /deliveries/<link>
// → custody (checks, PackageDeliveryStarted, re-hash) → S3 by a presigned GET that storage
// gives custody, and back. Each round also prints the CPU seconds per GiB of custody, of the
// object store's processes and of this process (the client), for the delivery and the raw GET:
// on 2 shared cores the ratio follows what each path costs in CPU (the figures swell under load;
// compare them within a round).
//   DOWNLOAD_BENCH_MIB      package size (default 1024)
//   DOWNLOAD_BENCH_ROUNDS   downloads of each kind (default 4); odd rounds take the raw GET
//                           first, so drift during the run favours neither side
//   DOWNLOAD_BENCH_STORAGE  `compiled` (default, as deploy/docker runs it) or `register`
//   DOWNLOAD_BENCH_CUSTODY  the same for custody
//   DOWNLOAD_BENCH_PROFILE  a folder: custody runs with --cpu-prof and writes its profile there
// Starts its own Postgres and Ceph RGW unless DATABASE_URL, KAFKA_BROKERS and S3_* are set.
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { aPrincipal, SERVICE_SCOPES, startTestIssuer, TestIssuer } from '@custos/auth';
import { infraFromEnv, infraToEnv, stopTestServers, testS3Client } from '@custos/testing';
import { compileFiles, compileWorkspace } from '../build';
import { LINKS_LINE } from '../../services/custody/bench/delivery-process';
import { exportKey } from '../../services/storage/src/domain/object-keys';
import {
  benchServers,
  cpuSecondsOf,
  mb,
  memoryOf,
  resetPeakOf,
  Runtime,
  startStorageProcess,
  StorageProcess,
} from '../../services/storage/src/testing/storage-process';
import { approvalDocument, generatedFootage, owner, putStream, signed } from '../../services/storage/src/testing/storage.test-support';

const MIB = 1024 * 1024;
const SIZE = Number(process.env.DOWNLOAD_BENCH_MIB ?? 1024) * MIB;
const ROUNDS = Number(process.env.DOWNLOAD_BENCH_ROUNDS ?? 4);
const STORAGE_RUNTIME: Runtime = process.env.DOWNLOAD_BENCH_STORAGE === 'register' ? 'register' : 'compiled';
const CUSTODY_RUNTIME: Runtime = process.env.DOWNLOAD_BENCH_CUSTODY === 'register' ? 'register' : 'compiled';
const PROFILE = process.env.DOWNLOAD_BENCH_PROFILE;
/** Where custody was compiled, removed at the end. */
let compiled: string | undefined;
const RSS_TARGET = 200 * MIB;
const RATIO_TARGET = 0.8;
const ROOT = path.resolve(__dirname, '../..');

interface Cpu {
  readonly custody: number;
  readonly objectStore: number;
  readonly client: NodeJS.CpuUsage;
}
type CpuPerGiB = Record<'custody' | 'objectStore' | 'client', number>;

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const mibps = (s: number) => (SIZE / MIB / s).toFixed(1).padStart(6);

/** Drains `body`, counting its bytes. */
async function drain(body: NodeJS.ReadableStream): Promise<number> {
  let bytes = 0;
  await pipeline(
    body,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    }),
  );
  return bytes;
}

/** The custody process: started, its links read from its output, stopped at the end. */
async function startCustody(env: Record<string, string>): Promise<{ child: ChildProcess; links: string[]; log(): string }> {
  const script = 'services/custody/bench/delivery-process.ts';
  let args = ['-r', '@swc-node/register', script];
  if (CUSTODY_RUNTIME === 'compiled') {
    // Compiled ahead as the images run custody, with the test support the process starts it by.
    fs.mkdirSync(path.join(ROOT, '.custos'), { recursive: true });
    compiled = fs.mkdtempSync(path.join(ROOT, '.custos/compiled-custody-'));
    compileWorkspace(compiled, ['custody']);
    compileFiles(compiled, [script, 'services/custody/src/testing/custody.test-support.ts']);
    args = [path.join(compiled, script.replace(/\.ts$/, '.js'))];
  }
  if (PROFILE) args = ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE)}`, ...args];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const log = () => output.join('').slice(-8000);
  child.stderr?.on('data', (c: Buffer) => output.push(c.toString('utf8')));
  const links = await new Promise<string[]>((resolve, reject) => {
    let pending = '';
    child.stdout?.on('data', (c: Buffer) => {
      pending += c.toString('utf8');
      output.push(c.toString('utf8'));
      const line = pending.split('\n').find((l) => l.startsWith(LINKS_LINE));
      if (line) resolve(JSON.parse(line.slice(LINKS_LINE.length)) as string[]);
    });
    child.once('exit', (code) => reject(new Error(`custody process exited (${code}):\n${log()}`)));
  });
  return { child, links, log };
}

function get(url: string, headers: http.OutgoingHttpHeaders = {}): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => http.get(url, { headers }, resolve).on('error', reject));
}

async function main(): Promise<void> {
  const handles = await benchServers();
  let issuer: TestIssuer | undefined;
  let storage: StorageProcess | undefined;
  let custody: Awaited<ReturnType<typeof startCustody>> | undefined;
  try {
    const infra = infraFromEnv()!;
    issuer = await startTestIssuer();
    storage = await startStorageProcess(issuer, 'bench-download', STORAGE_RUNTIME);
    const { service, bucket, approvalKeys } = storage;
    const ownerToken = await issuer.tokenFor(owner(), { exp: Math.floor(Date.now() / 1000) + 6 * 3600 });

    // One segment of SIZE, exported whole: the package is a tar of it and its signed manifest.
    const ingested = await putStream(
      `${service.url}/v1/footage/segments/bench-download?cameraId=cam-1&from=2026-02-10T10:00:00Z&to=2026-02-10T11:00:00Z&container=mp4&codec=h264`,
      ownerToken,
      generatedFootage(SIZE),
      { 'content-length': String(SIZE) },
    );
    if (ingested.status !== 201) throw new Error(`ingest answered ${ingested.status}: ${JSON.stringify(ingested.body)}`);
    const now = Date.now();
    const document = approvalDocument(
      {
        number: '610113-001-2026-000900',
        validFrom: new Date(now - 3_600_000).toISOString(),
        issuedAt: new Date(now - 3_600_000).toISOString(),
        validUntil: new Date(now + 86_400_000).toISOString(),
      },
      { cameraIds: ['cam-1'], window: { from: '2026-02-10T10:00:00.000Z', to: '2026-02-10T12:00:00.000Z' } },
    );
    const exported = await fetch(`${service.url}/v1/footage/exports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ approval: signed(document, approvalKeys.privateKey) }),
    });
    const pkg = (await exported.json()) as { exportId: string; packageSha256: string; packageSizeBytes: number };
    if (exported.status !== 201) throw new Error(`export answered ${exported.status}: ${JSON.stringify(pkg)}`);

    const serviceToken = await issuer.tokenFor(
      aPrincipal({ subject: 'service.custody', personId: 'service.custody', organisationId: 'custos', roles: ['SERVICE'], credentialNumber: undefined, scopes: [SERVICE_SCOPES.segmentsRead, SERVICE_SCOPES.exportsRead] }),
      { exp: Math.floor(Date.now() / 1000) + 6 * 3600 },
    );
    custody = await startCustody({
      ...infraToEnv(infra),
      BENCH_STORAGE_URL: service.url,
      BENCH_STORAGE_TOKEN: serviceToken,
      BENCH_PACKAGE: JSON.stringify({ exportId: pkg.exportId, packageSha256: pkg.packageSha256, packageSizeBytes: pkg.packageSizeBytes }),
      BENCH_LINKS: String(ROUNDS),
    });
    const pid = custody.child.pid!;
    const ready = memoryOf(pid);
    const raw = testS3Client();
    const key = exportKey(owner().organisationId, pkg.exportId);
    console.log(
      `custos bench:download — package of ${(pkg.packageSizeBytes / MIB).toFixed(1)} MiB × ${ROUNDS} rounds, same Ceph RGW; ` +
        `custody in its own process (pid ${pid}, ${CUSTODY_RUNTIME}), storage in its own (${STORAGE_RUNTIME}); ` +
        `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores at the start\n`,
    );

    // CPU seconds per GiB of each process on the path, so that a ratio can be read against where the cores went.
    const objectStore = handles.find((h) => h.name === 's3');
    const cpuNow = (): Cpu => ({
      custody: cpuSecondsOf(pid),
      objectStore: objectStore ? objectStore.pids().reduce((sum, p) => sum + cpuSecondsOf(p), 0) : NaN,
      client: process.cpuUsage(),
    });
    const perGiB = SIZE / (1024 * MIB);
    const cpuSince = (start: Cpu): CpuPerGiB => {
      const now = cpuNow();
      const client = process.cpuUsage(start.client);
      return {
        custody: (now.custody - start.custody) / perGiB,
        objectStore: (now.objectStore - start.objectStore) / perGiB,
        client: (client.user + client.system) / 1e6 / perGiB,
      };
    };
    const rows: { ours: number; raw: number; storage: number; peak: number; cpu: number; load: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const rawGet = async () => {
        const cpu = cpuNow();
        const t0 = process.hrtime.bigint();
        const bytes = await drain(await raw.getObject(bucket, key));
        if (bytes !== pkg.packageSizeBytes) throw new Error(`raw GET gave ${bytes} bytes`);
        return { time: seconds(t0), cpu: cpuSince(cpu) };
      };
      const delivery = async () => {
        resetPeakOf(pid);
        const cpu = cpuNow();
        const t0 = process.hrtime.bigint();
        const response = await get(custody!.links[round]);
        if (response.statusCode !== 200) throw new Error(`delivery answered ${response.statusCode}`);
        const bytes = await drain(response);
        if (bytes !== pkg.packageSizeBytes) throw new Error(`delivery gave ${bytes} bytes`);
        return { time: seconds(t0), peak: memoryOf(pid).peak, cpu: cpuSince(cpu) };
      };
      // The same package from storage's own download (the hop custody read through before it
      // read the object store itself), once, for the diagnosis.
      const fromStorage = async () => {
        const t0 = process.hrtime.bigint();
        const response = await get(`${service.url}/v1/footage/exports/${pkg.exportId}`, { authorization: `Bearer ${ownerToken}` });
        if (response.statusCode !== 200) throw new Error(`storage answered ${response.statusCode}`);
        if ((await drain(response)) !== pkg.packageSizeBytes) throw new Error('storage gave other bytes');
        return seconds(t0);
      };
      const rawFirst = round % 2 === 1;
      const before = rawFirst ? await rawGet() : undefined;
      const ours = await delivery();
      const rawRun = before ?? (await rawGet());
      const rawTime = rawRun.time;
      const storageTime = round === 0 ? await fromStorage() : NaN;
      rows.push({ ours: ours.time, raw: rawTime, storage: storageTime, peak: ours.peak, cpu: ours.cpu.custody, load: os.loadavg()[0] });
      const s = (x: number) => x.toFixed(1);
      console.log(
        `round ${round + 1} (${rawFirst ? 'raw GET first' : 'custody first'}): through custody ${mibps(ours.time)} MiB/s, ` +
          `raw S3 GET ${mibps(rawTime)} MiB/s, ratio ${(rawTime / ours.time).toFixed(2)} ` +
          `${round === 0 ? `(storage's own GET /footage/exports: ${mibps(storageTime)} MiB/s)` : ''}; custody peak RSS ${mb(ours.peak)} MB; ` +
          `CPU s/GiB through custody: custody ${s(ours.cpu.custody)}, object store ${s(ours.cpu.objectStore)}, client ${s(ours.cpu.client)}; ` +
          `raw: object store ${s(rawRun.cpu.objectStore)}, client ${s(rawRun.cpu.client)}; load average ${os.loadavg()[0].toFixed(1)}`,
      );
    }
    const ratios = rows.map((r) => r.raw / r.ours).sort((a, b) => a - b);
    const peak = Math.max(...rows.map((r) => r.peak));
    const best = ratios[ratios.length - 1];
    console.log(
      `\ndownload through custody / raw S3 GET: best ${best.toFixed(2)}, median ${ratios[Math.floor((ratios.length - 1) / 2)].toFixed(2)}, ` +
        `range ${ratios[0].toFixed(2)}–${best.toFixed(2)} (target >= ${RATIO_TARGET}: ${best >= RATIO_TARGET ? 'met' : 'NOT met'} at best)`,
    );
    console.log(
      `custody RSS: ${mb(ready.rss)} MB when ready, peak ${mb(peak)} MB during the downloads ` +
        `(target < 200 MB: ${peak < RSS_TARGET ? 'met' : 'NOT met'})`,
    );
  } catch (error) {
    if (custody) console.error(`custody output:\n${custody.log()}`);
    if (storage) console.error(`storage output:\n${storage.service.log()}`);
    throw error;
  } finally {
    if (custody?.child.exitCode === null) {
      const exited = new Promise((resolve) => custody!.child.once('exit', resolve));
      custody.child.kill('SIGTERM');
      await exited;
    }
    if (compiled) fs.rmSync(compiled, { recursive: true, force: true });
    await Promise.all([storage?.close(), issuer?.close()]);
    await stopTestServers(handles);
  }
}

// Exits when done: the S3 client's keep-alive sockets would hold the process open.
main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => process.exit());
