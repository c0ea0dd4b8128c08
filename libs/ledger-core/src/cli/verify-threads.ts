/**
 * The replay of an indexed export file on worker threads: its chunks (RFC 9162 subtrees of
 * 2^13 leaves) are handed out one at a time to whichever worker is free, and their outcomes
 * combined in leaf order by `finishExport`, so the verdict is the one-thread verdict.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Result } from '../result';
import { ChunkOutcome } from '../verify/chunk-replay';
import { Divergence } from '../verify/divergence';
import { ExportPlan, finishExport } from '../verify/stream-export';
import { LedgerExportSummary } from '../verify/verify-export';

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

/**
 * The worker's bootstrap. Run from sources, its TypeScript is compiled on load by @swc/core
 * directly: @swc-node/register would load the TypeScript compiler to read tsconfig, about
 * 0.5 s of CPU per thread, more than a 100,000-entry replay. A worker still costs about 0.1 s
 * of CPU to start (measured with the machine loaded), so the CLI starts them for large files only.
 */
function workerScript(): string {
  const file = path.join(__dirname, `verify-worker${path.extname(__filename)}`);
  const compile =
    path.extname(__filename) !== '.ts'
      ? ''
      : `const swc = require('@swc/core'); const fs = require('node:fs');
require.extensions['.ts'] = (module, filename) => module._compile(swc.transformSync(fs.readFileSync(filename, 'utf8'),
  { filename, swcrc: false, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code, filename);`;
  return `${compile}require(${JSON.stringify(file)});`;
}

/**
 * Worker threads replaying export files, started before a file is indexed so that their
 * start-up overlaps the index pass; `replay` hands out a plan's chunks one at a time to
 * whichever worker is free.
 */
export class VerifierThreads {
  private readonly workers: Worker[];
  private readonly failed: Promise<never>;

  constructor(
    threads: number = defaultThreads(),
    /** Each worker's read windows (tests make them tiny). */
    private readonly windowBytes?: number,
  ) {
    // execArgv: [] so that a `node -r @swc-node/register` parent's flag is not inherited (0.5 s of CPU each).
    this.workers = Array.from(
      { length: Math.max(1, threads) },
      () => new Worker(workerScript(), { eval: true, execArgv: [] }),
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
          // Each worker has one chunk at a time; it gets the next when it answers.
          const feed = () => {
            if (next >= tasks.length) {
              worker.off('message', onMessage);
              return resolve();
            }
            const k = next++;
            worker.postMessage({ k, file, task: tasks[k], windowBytes: this.windowBytes });
          };
          const onMessage = ({ k, outcome }: { k: number; outcome: ChunkOutcome }) => {
            outcomes[k] = outcome;
            feed();
          };
          worker.on('message', onMessage);
          feed();
        }),
    );
    await Promise.race([Promise.all(runs), this.failed]);
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
