import { readdirSync, readFileSync } from 'node:fs';

/**
 * How much a process tree ran on a CPU and how long it waited in the run queue for one
 * (Linux `schedstat`, per thread): on a shared machine a latency figure means little without
 * it. Per process, so that one which ends in between is left out rather than counted negative.
 */
export type TreeCpu = Map<number, { runningNs: number; waitingNs: number }>;

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
    result.set(pid, { runningNs, waitingNs });
  }
  return result;
}

/** Shares of one core between two readings `seconds` apart: running, and waiting for a CPU. */
export function cpuShares(before: TreeCpu, after: TreeCpu, seconds: number): { running: number; waiting: number } {
  let running = 0;
  let waiting = 0;
  for (const [pid, end] of after) {
    const start = before.get(pid);
    if (!start) continue;
    running += end.runningNs - start.runningNs;
    waiting += end.waitingNs - start.waitingNs;
  }
  return { running: running / 1e9 / seconds, waiting: waiting / 1e9 / seconds };
}
