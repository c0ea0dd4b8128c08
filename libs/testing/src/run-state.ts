import fs from 'node:fs';
import path from 'node:path';

/**
 * The processes a test run started, on disk, so that the reaper (if jest dies) and the
 * post-run check (test-all.sh) can find them without the jest process. One file per run
 * (CUSTOS_RUN_STATE, else per process id): runs side by side never overwrite each other's.
 */
export const runStateFile =
  process.env.CUSTOS_RUN_STATE ?? path.resolve(__dirname, `../../../.custos/test-run/servers-${process.pid}.json`);

export interface RunState {
  readonly ownerPid: number;
  readonly servers: { name: string; pids: number[]; scratchDirs?: readonly string[] }[];
}

export function writeRunState(state: RunState): void {
  fs.mkdirSync(path.dirname(runStateFile), { recursive: true });
  fs.writeFileSync(runStateFile, JSON.stringify(state, null, 2));
}

export function readRunState(): RunState | undefined {
  return fs.existsSync(runStateFile) ? (JSON.parse(fs.readFileSync(runStateFile, 'utf8')) as RunState) : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
