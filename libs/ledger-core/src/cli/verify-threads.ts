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
import { ChunkOutcome, ChunkReplayer } from '../verify/chunk-replay';
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

/**
 * Threads replaying export files: this one and `threads − 1` workers, started before a file is
 * indexed so that their start-up overlaps the index pass; `replay` hands out a plan's chunks to
 * whichever thread is free. This thread replays too, rather than wait: with two threads, one
 * worker's start-up (about 0.1 s of CPU) is saved, which at 100,000 entries is half a replay.
 */
export class VerifierThreads {
  private readonly workers: Worker[];
  private readonly failed: Promise<never>;

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

  /** The outcomes of `plan`'s chunks of `file`, in leaf order. */
  async replay(file: string, plan: ExportPlan): Promise<ChunkOutcome[]> {
    const tasks = plan.tasks;
    const outcomes: ChunkOutcome[] = new Array(tasks.length);
    let next = 0;
    const runs = this.workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          let inFlight = 0;
          // Two chunks a worker: it goes on to the second while this thread, busy replaying, has not yet answered the first.
          const feed = () => {
            if (next < tasks.length) {
              const k = next++;
              inFlight++;
              worker.postMessage({ k, file, task: tasks[k], windowBytes: this.windowBytes });
            } else if (inFlight === 0) {
              worker.off('message', onMessage);
              resolve();
            }
          };
          const onMessage = ({ k, outcome }: { k: number; outcome: ChunkOutcome }) => {
            outcomes[k] = outcome;
            inFlight--;
            feed();
          };
          worker.on('message', onMessage);
          feed();
          feed();
        }),
    );
    const here = async () => {
      const source = fileSource(file);
      try {
        const replayer = new ChunkReplayer(source, nodeLeafBatch(), this.windowBytes);
        while (next < tasks.length) {
          const k = next++;
          outcomes[k] = replayer.replay(tasks[k]);
          // Lets the workers' answers in, so that they get their next chunks.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      } finally {
        source.close();
      }
    };
    await Promise.race([Promise.all([...runs, here()]), this.failed]);
    return outcomes;
  }

  /** Lets every worker end (each closes its file). */
  close(): void {
    for (const worker of this.workers) worker.postMessage(null);
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
