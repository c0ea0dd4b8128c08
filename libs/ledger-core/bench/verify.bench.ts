/**
 * `npm run bench:verify`: custos-verify on a ledger export file against the minimal hashing it
 * must do, measured in the same run on the same bytes: one leaf hash (0x00 ‖ entry) and one
 * interior-node hash (65 bytes) per entry, each one `crypto.hash` call with the cheapest output.
 *
 * BENCH_VERIFY_SIZES=100000,1000000 (entries), BENCH_VERIFY_ROUNDS=5, BENCH_VERIFY_THREADS (default: one
 * per core; 1: one thread only). One thread is timed as custos-verify runs it (one pass) and with
 * two passes (index, then replay), as it reads exports in another layout.
 * Needs no server: the export is generated (entries shaped as the ledger's events, a signed
 * checkpoint every 10,000 entries and at the end, and the recorded leaf hashes).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CompactRange, generateNoteKeys, leafHash, parseSignerKey, signCheckpoint } from '../src';
import { fileSource } from '../src/cli/verify-cli';
import { indexLedgerExport, verifyIndexedExport } from '../src/verify/stream-export';

const ORIGIN = 'ledger.custos.bench/audit';

function entryOf(i: number): Buffer {
  const id = () => crypto.randomUUID();
  return Buffer.from(
    JSON.stringify({
      actor: { organisationId: 'org-psb-changan', roles: ['OFFICER'], subject: id() },
      aggregateId: `evidence-${i % 1000}`,
      aggregateVersion: Math.floor(i / 1000) + 1,
      causationId: id(),
      correlationId: id(),
      id: id(),
      occurredAt: new Date(1_760_000_000_000 + i).toISOString(),
      payload: {
        evidenceId: `evidence-${i % 1000}`,
        fromOfficerId: 'person-officer-wang',
        handedOverAt: new Date(1_760_000_000_000 + i).toISOString(),
        packageSha256: crypto.hash('sha256', String(i), 'hex'),
        purpose: 'transfer to the case file for review by the competent head',
        toOfficerId: 'person-officer-li',
      },
      schemaVersion: 1,
      sequence: i + 1,
      service: 'custody',
      type: 'custody.EvidenceHandedOver',
    }),
  );
}

/** The leaf inputs (0x00 ‖ entry) of an export, packed into one buffer: a million stay one allocation. */
interface Leaves {
  readonly bytes: Buffer;
  /** Offsets of each input, and of the end. */
  readonly at: Float64Array;
}

function leafInput(leaves: Leaves, i: number): Buffer {
  return leaves.bytes.subarray(leaves.at[i], leaves.at[i + 1]);
}

/** Writes the export as the ledger service streams it (checkpoints, entries, leaf hashes). */
function writeExport(file: string, size: number, verifierKey: string, signerKey: string): Leaves {
  const signer = parseSignerKey(signerKey);
  if (!signer.ok) throw new Error('signer key');
  const chunks: Buffer[] = [];
  const at = new Float64Array(size + 1);
  for (let i = 0; i < size; i++) {
    chunks.push(Buffer.concat([Buffer.of(0), entryOf(i)]));
    at[i + 1] = at[i] + chunks[i].length;
  }
  const leaves = { bytes: Buffer.concat(chunks), at };
  chunks.length = 0;
  const hashes = Buffer.allocUnsafe(32 * size);
  const notes: string[] = [];
  const range = CompactRange.empty();
  for (let i = 0; i < size; i++) {
    const leaf = leafHash(leafInput(leaves, i).subarray(1));
    leaf.copy(hashes, 32 * i);
    range.append(leaf);
    if ((i + 1) % 10_000 === 0 || i + 1 === size) {
      notes.push(signCheckpoint({ origin: ORIGIN, size: i + 1, rootHash: range.root() }, signer.value));
    }
  }
  const out = fs.openSync(file, 'w');
  const write = (text: string) => fs.writeSync(out, text);
  write(`{"origin":${JSON.stringify(ORIGIN)},"publicKey":${JSON.stringify(verifierKey)},"treeSize":${size},`);
  write(`"checkpoints":${JSON.stringify(notes)},"entries":[`);
  const batch = (i: number, text: (k: number) => string) =>
    write((i > 0 ? ',' : '') + Array.from({ length: Math.min(10_000, size - i) }, (_, k) => text(i + k)).join(','));
  for (let i = 0; i < size; i += 10_000) batch(i, (k) => `"${leafInput(leaves, k).toString('base64', 1)}"`);
  write('],"leafHashes":[');
  for (let i = 0; i < size; i += 10_000) batch(i, (k) => `"${hashes.toString('base64', 32 * k, 32 * k + 32)}"`);
  write(']}');
  fs.closeSync(out);
  return leaves;
}

function seconds(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** CPU seconds of this process (every thread) since `from`: steadier than wall time on a shared machine. */
function cpuSeconds(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
}

/**
 * The floor: one leaf hash and one node hash per entry, nothing else. `inputs` are the leaf
 * inputs as views made once per export: the floor times the hashing only, and its views are not
 * garbage collected during the verifier's rounds.
 */
function minimalHashing(inputs: readonly Buffer[]): [number, number] {
  const node = Buffer.alloc(65, 1);
  const [t0, c0] = [process.hrtime.bigint(), process.cpuUsage()];
  for (const input of inputs) {
    crypto.hash('sha256', input, 'binary');
    crypto.hash('sha256', node, 'binary');
  }
  return [seconds(t0), cpuSeconds(c0)];
}

interface Verifier {
  readonly name: string;
  run(file: string, verifierKey: string): Promise<void>;
}

/** As custos-verify runs it on one thread: one pass over an export as the ledger writes it. */
const singleThread: Verifier = {
  name: 'custos-verify, one thread',
  run: async (file, verifierKey) => {
    // Required here, so that this bench also runs on a checkout from before the one pass.
    const { verifyExportFile } = require('../src/verify/one-pass-export') as typeof import('../src/verify/one-pass-export');
    const source = fileSource(file);
    try {
      const result = verifyExportFile(source, { trustedPublicKey: verifierKey });
      if (!result?.ok) throw new Error(`the export does not verify: ${JSON.stringify(result)}`);
    } finally {
      source.close();
    }
  },
};

/** One thread always reading twice (an index pass, then the replay): what a larger export gets. */
const twoPasses: Verifier = {
  name: 'custos-verify, one thread, two passes',
  run: async (file, verifierKey) => {
    const source = fileSource(file);
    try {
      const index = indexLedgerExport(source);
      const result = index && verifyIndexedExport(source, index, { trustedPublicKey: verifierKey });
      if (!result?.ok) throw new Error(`the export does not verify: ${JSON.stringify(result)}`);
    } finally {
      source.close();
    }
  },
};

/** As custos-verify runs it: threads started first, the file indexed meanwhile, chunks shared out. */
function threaded(threads: number): Verifier {
  return {
    name: `custos-verify, ${threads} threads`,
    run: async (file, verifierKey) => {
      // Required here, so that this bench also runs on a checkout from before the threads.
      const { VerifierThreads } = require('../src/cli/verify-threads') as typeof import('../src/cli/verify-threads');
      const { finishExport, planIndexedExport } = require('../src/verify/stream-export') as typeof import('../src/verify/stream-export');
      const pool = new VerifierThreads(threads);
      try {
        const source = fileSource(file);
        const index = indexLedgerExport(source);
        source.close();
        const plan = index && planIndexedExport(index, { trustedPublicKey: verifierKey });
        if (!plan?.ok) throw new Error('the export does not index');
        const result = finishExport(plan.value, await pool.replay(file, plan.value));
        if (!result.ok) throw new Error(`the export does not verify: ${result.error.message}`);
      } finally {
        pool.close();
      }
    },
  };
}

function stats(values: number[]): { best: number; median: number; worst: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { best: sorted[0], median: sorted[Math.floor(sorted.length / 2)], worst: sorted[sorted.length - 1] };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function benchSize(size: number, rounds: number, verifiers: readonly Verifier[]): Promise<void> {
  const { signerKey, verifierKey } = generateNoteKeys(ORIGIN);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-verify-'));
  const file = path.join(dir, 'export.json');
  try {
    const leaves = writeExport(file, size, verifierKey, signerKey);
    if (process.env.BENCH_VERIFY_KEEP) fs.copyFileSync(file, process.env.BENCH_VERIFY_KEEP);
    const mb = fs.statSync(file).size / 1e6;
    process.stdout.write(`\n${fmt(size)} entries (${fmt(mb, 1)} MB of JSON, mean entry ${fmt(leaves.bytes.length / size - 1)} bytes), ${rounds} rounds interleaved\n`);
    const floor: number[] = [];
    const floorCpu: number[] = [];
    const times = verifiers.map(() => [] as number[]);
    const ratios = verifiers.map(() => [] as number[]);
    const cpuRatios = verifiers.map(() => [] as number[]);
    const inputs = Array.from({ length: size }, (_, i) => leafInput(leaves, i));
    for (let round = 0; round < rounds; round++) {
      const [base, baseCpu] = minimalHashing(inputs);
      floor.push(base);
      floorCpu.push(baseCpu);
      for (const [k, verifier] of verifiers.entries()) {
        const [t0, c0] = [process.hrtime.bigint(), process.cpuUsage()];
        await verifier.run(file, verifierKey);
        const s = seconds(t0);
        times[k].push(s);
        // The floor of the same round: both saw the same load.
        ratios[k].push(base / s);
        cpuRatios[k].push(baseCpu / cpuSeconds(c0));
      }
    }
    const f = stats(floor);
    process.stdout.write(
      `  minimal hashing (leaf + node per entry): best ${fmt(f.best * 1e3, 1)} ms (${fmt(size / f.best)} entries/s), median ${fmt(f.median * 1e3, 1)}, worst ${fmt(f.worst * 1e3, 1)} ms\n`,
    );
    for (const [k, verifier] of verifiers.entries()) {
      const t = stats(times[k]);
      const r = stats(ratios[k]);
      process.stdout.write(
        `  ${verifier.name}: best ${fmt(t.best * 1e3, 1)} ms (${fmt(size / t.best)} entries/s, ${fmt(mb / t.best)} MB/s), median ${fmt(t.median * 1e3, 1)}, worst ${fmt(t.worst * 1e3, 1)} ms\n` +
          `    ratio to the minimal hashing: best-of-rounds ${fmt(f.best / t.best, 2)}×; each round against its own: lowest ${fmt(r.best, 2)}×, median ${fmt(r.median, 2)}×, highest ${fmt(r.worst, 2)}×\n` +
          `    in CPU time (all threads; the floor's best ${fmt(stats(floorCpu).best * 1e3, 1)} ms): median ${fmt(stats(cpuRatios[k]).median, 2)}×, highest ${fmt(stats(cpuRatios[k]).worst, 2)}×\n`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_VERIFY_SIZES ?? '100000').split(',').map(Number);
  const rounds = Number(process.env.BENCH_VERIFY_ROUNDS ?? 5);
  process.stdout.write(
    `custos verifier benchmark — node ${process.version}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  const threads = Number(process.env.BENCH_VERIFY_THREADS ?? os.availableParallelism());
  for (const size of sizes) await benchSize(size, rounds, [singleThread, twoPasses, ...(threads > 1 ? [threaded(threads)] : [])]);
  process.stdout.write(`\nload average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MB\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
