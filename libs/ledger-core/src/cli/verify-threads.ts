/**
 * The replay of an indexed export file on threads: its chunks (RFC 9162 subtrees of 2^13
 * leaves) are handed out to whichever thread is free (this one, or a worker), and their outcomes
 * combined in leaf order by `finishExport`, so the verdict is the one-thread verdict.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Result } from '../result';
import { ChunkOutcome, ChunkReplayer, ChunkTask } from '../verify/chunk-replay';
import { nodeLeafBatch } from '../verify/leaf-batch';
import { Divergence } from '../verify/divergence';
import { ExportPlan, finishExport } from '../verify/stream-export';
import { LedgerExportSummary } from '../verify/verify-export';
import { fileSource } from './file-source';

/**
 * Threads worth starting by default: one per core that is free. Threads only pay where cores
 * are idle (each costs about 0.1 s of CPU to start); on a machine whose 1-minute load average
 * already fills every core, that is this one thread.
 */
export function defaultThreads(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const free = Math.floor(cores - os.loadavg()[0] + 0.5);
  return Math.max(1, Math.min(cores, free));
}

const SWC_OPTIONS = {
  swcrc: false,
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
} as const;

interface Swc {
  transformSync(code: string, options: typeof SWC_OPTIONS & { filename: string }): { code: string };
}

/**
 * The worker's modules compiled once on this thread, by file: the worker's TypeScript and every
 * relative module it requires. A worker that had to compile them would load @swc/core first,
 * about 40 ms of CPU more per thread (measured with the machine loaded: 150 against 80 ms to
 * start one). A module missed here (a require this scan does not see) is compiled in the worker.
 */
let compiledModules: Record<string, string> | undefined;
function compiledWorkerModules(entry: string): Record<string, string> {
  if (compiledModules !== undefined) return compiledModules;
  // Already loaded on this thread, by whatever compiled this very file from TypeScript.
  const swc = require('@swc/core') as Swc;
  const compiled: Record<string, string> = {};
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (file in compiled) continue;
    const code = swc.transformSync(fs.readFileSync(file, 'utf8'), { filename: file, ...SWC_OPTIONS }).code;
    compiled[file] = code;
    for (const [, spec] of code.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
      const base = path.resolve(path.dirname(file), spec);
      const found = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
      if (found !== undefined) pending.push(found);
    }
  }
  compiledModules = compiled;
  return compiled;
}

/**
 * The worker's bootstrap, and its data. Run from sources, its TypeScript comes compiled from this
 * thread (`compiledWorkerModules`): @swc-node/register would load the TypeScript compiler to
 * read tsconfig, about 0.5 s of CPU per thread, more than a 100,000-entry replay. A worker still
 * costs about 0.1 s of CPU to start (measured with the machine loaded), so the CLI starts them
 * for large files only.
 */
function workerScript(): { code: string; workerData?: { compiled: Record<string, string> } } {
  const file = path.join(__dirname, `verify-worker${path.extname(__filename)}`);
  if (path.extname(__filename) !== '.ts') return { code: `require(${JSON.stringify(file)});` };
  const code = `const { workerData } = require('node:worker_threads');
let swc;
require.extensions['.ts'] = (module, filename) => module._compile(workerData.compiled[filename] ??
  (swc ??= require('@swc/core')).transformSync(require('node:fs').readFileSync(filename, 'utf8'),
    { filename, ...${JSON.stringify(SWC_OPTIONS)} }).code, filename);
require(${JSON.stringify(file)});`;
  return { code, workerData: { compiled: compiledWorkerModules(file) } };
}

/** What a worker is sent for one file: every chunk, claimed one at a time through `next`. */
export interface ReplayJob {
  /** Which `replay` call: a worker may still answer an earlier one, whose outcomes it ignores. */
  readonly id: number;
  readonly file: string;
  readonly tasks: readonly ChunkTask[];
  /** An Int32 shared by every thread: the next chunk to claim (`Atomics.add`). */
  readonly next: SharedArrayBuffer;
  readonly windowBytes?: number;
}

/**
 * Threads replaying export files: this one and `threads − 1` workers, started before a file is
 * indexed so that their start-up overlaps the index pass. Each thread claims the next chunk from
 * one shared counter when it is ready for it, so a worker still starting (tens of ms, more on a
 * loaded machine) or still slow (its code not yet optimised) holds no chunk that this thread
 * could replay meanwhile.
 */
export class VerifierThreads {
  private readonly workers: Worker[];
  private readonly failed: Promise<never>;
  private jobs = 0;

  constructor(
    threads: number = defaultThreads(),
    /** Each thread's read windows (tests make them tiny). */
    private readonly windowBytes?: number,
  ) {
    // execArgv: [] so that a `node -r @swc-node/register` parent's flag is not inherited (0.5 s of CPU each).
    const { code, workerData } = workerScript();
    this.workers = Array.from(
      { length: Math.max(0, threads - 1) },
      () => new Worker(code, { eval: true, execArgv: [], workerData }),
    );
    this.failed = new Promise<never>((_resolve, reject) => {
      for (const worker of this.workers) {
        worker.on('error', reject);
        worker.on('exit', (code) => code !== 0 && reject(new Error(`a verifier thread exited with ${code}`)));
      }
    });
    // Only ever awaited inside `replay`; a failure after it is no one's concern.
    this.failed.catch(() => undefined);
  }

  /**
   * The outcomes of `plan`'s chunks of `file`, in leaf order. Once no chunk is left to claim, this
   * thread replays itself any chunk a worker is still on (its outcome is the same, whoever finds
   * it first), rather than wait for a worker that may still be slow; `workersOnly` (for tests)
   * leaves every chunk to the workers.
   */
  async replay(file: string, plan: ExportPlan, { workersOnly = false } = {}): Promise<ChunkOutcome[]> {
    const { tasks } = plan;
    const outcomes: ChunkOutcome[] = new Array(tasks.length);
    const job: ReplayJob = {
      id: ++this.jobs,
      file,
      tasks,
      next: new SharedArrayBuffer(4),
      windowBytes: this.windowBytes,
    };
    const next = new Int32Array(job.next);
    let pending = tasks.length;
    let allIn: () => void = () => undefined;
    const done = pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => (allIn = resolve));
    const settle = (k: number, outcome: ChunkOutcome) => {
      if (outcomes[k] !== undefined) return;
      outcomes[k] = outcome;
      if (--pending === 0) allIn();
    };
    const onMessage = ({ id, k, outcome }: { id: number; k: number; outcome: ChunkOutcome }) =>
      id === job.id && settle(k, outcome);
    for (const worker of this.workers) {
      worker.on('message', onMessage);
      worker.postMessage(job);
    }
    try {
      // With no worker, this thread replays whatever it was asked.
      if (!workersOnly || this.workers.length === 0) {
        const source = fileSource(file);
        try {
          const replayer = new ChunkReplayer(source, nodeLeafBatch(), this.windowBytes);
          for (let k = Atomics.add(next, 0, 1); k < tasks.length; k = Atomics.add(next, 0, 1)) {
            settle(k, replayer.replay(tasks[k]));
          }
          for (let k = 0; k < tasks.length; k++) {
            // Lets the workers' answers in first: a chunk answered meanwhile is not replayed twice.
            if (outcomes[k] === undefined) await new Promise<void>((resolve) => setImmediate(resolve));
            if (outcomes[k] === undefined) settle(k, replayer.replay(tasks[k]));
          }
        } finally {
          source.close();
        }
      }
      await Promise.race([done, this.failed]);
    } finally {
      for (const worker of this.workers) worker.off('message', onMessage);
    }
    return outcomes;
  }

  /**
   * Lets every worker end (each closes its file once its chunk is replayed); a worker still on a
   * chunk nobody waits for does not keep the process alive.
   */
  close(): void {
    for (const worker of this.workers) {
      worker.postMessage(null);
      worker.unref();
    }
  }
}

/** `finishExport` over `plan`'s chunks replayed on `threads` workers. */
export async function verifyPlanInThreads(
  file: string,
  plan: ExportPlan,
  threads: number = defaultThreads(),
): Promise<Result<LedgerExportSummary, Divergence>> {
  const pool = new VerifierThreads(Math.min(threads, plan.tasks.length));
  try {
    return finishExport(plan, await pool.replay(file, plan));
  } finally {
    pool.close();
  }
}
