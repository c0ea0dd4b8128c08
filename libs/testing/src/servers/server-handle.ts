/** A server the harness started and must stop; `pids` lets the reaper kill it if we die. */
export interface ServerHandle {
  readonly name: string;
  pids(): number[];
  stop(): Promise<void>;
}
