/** A server the harness started and must stop; `pids` lets the reaper kill it if we die. */
export interface ServerHandle {
  readonly name: string;
  pids(): number[];
  /** Folders that hold only this server's files: the reaper removes them once it is dead. */
  readonly scratchDirs?: readonly string[];
  stop(): Promise<void>;
}
