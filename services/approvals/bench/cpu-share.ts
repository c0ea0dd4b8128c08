import { readdirSync, readFileSync } from 'node:fs';

/**
 * How much a process tree ran on a CPU and how long it waited in the run queue for one
 * (Linux `schedstat`, per thread): on a shared machine a latency figure means little without
 * it. Per process, so that one which ends in between is left out rather than counted negative.
 */
export type TreeCpu = Map<number, { name: string; runningNs: number; waitingNs: number }>;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function threadsOf(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
}

/** A process as the figures name it: the root as `this`, Node children by their script, others by their command. */
function nameOf(pid: number, root: number): string {
  if (pid === root) return 'this';
  const args = (read(`/proc/${pid}/cmdline`) ?? '').split('\0');
  const script = args.find((a) => /\.(ts|js)$/.test(a));
  if (script) return script.replace(/^.*\/|\.(ts|js)$/g, '');
  return (read(`/proc/${pid}/comm`) ?? '?').trim();
}

/** The tree under `root` (this process by default): the benchmark, its services, Postgres and the broker. Undefined without /proc. */
export function treeCpu(root = process.pid): TreeCpu | undefined {
  if (read(`/proc/${root}/schedstat`) === undefined) return undefined;
  const result: TreeCpu = new Map();
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    let runningNs = 0;
    let waitingNs = 0;
    for (const tid of threadsOf(pid)) {
      const [running, waiting] = (read(`/proc/${pid}/task/${tid}/schedstat`) ?? '0 0').split(' ').map(Number);
      runningNs += running;
      waitingNs += waiting;
      pending.push(...(read(`/proc/${pid}/task/${tid}/children`) ?? '').split(' ').filter(Boolean).map(Number));
    }
    result.set(pid, { name: nameOf(pid, root), runningNs, waitingNs });
  }
  return result;
}

export interface CpuShares {
  /** Cores the tree ran, on average. */
  readonly running: number;
  /** Cores' worth of time its threads stood runnable in the run queue. */
  readonly waiting: number;
  /** `running` by process name (Postgres' backends add up under one name). */
  readonly byProcess: ReadonlyMap<string, number>;
}

/** Shares of one core between two readings `seconds` apart: running, and waiting for a CPU. */
export function cpuShares(before: TreeCpu, after: TreeCpu, seconds: number): CpuShares {
  let running = 0;
  let waiting = 0;
  const byProcess = new Map<string, number>();
  for (const [pid, end] of after) {
    const start = before.get(pid);
    if (!start) continue;
    const ran = (end.runningNs - start.runningNs) / 1e9 / seconds;
    running += ran;
    waiting += (end.waitingNs - start.waitingNs) / 1e9 / seconds;
    byProcess.set(end.name, (byProcess.get(end.name) ?? 0) + ran);
  }
  return { running, waiting, byProcess };
}

/** Measures the tree's CPU over `work`; undefined without /proc. */
export async function measuredCpu<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; cpu?: CpuShares }> {
  const before = treeCpu();
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const after = treeCpu();
  return { result, seconds, cpu: before && after ? cpuShares(before, after, seconds) : undefined };
}
