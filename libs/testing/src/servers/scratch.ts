import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A fresh folder for a server's files. World-traversable (0755) because embedded Postgres,
 * started as root, runs the server as another user that must reach its data directory.
 */
export function makeScratchDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `custos-${label}-`));
  fs.chmodSync(dir, 0o755);
  return dir;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A server process watched: its stderr (the first 64 KiB) and whether it exited. */
export interface WatchedChild {
  readonly stderr: () => string;
  readonly exited: () => boolean;
  /** SIGTERM (after `beforeKill`), resolved once it has exited. */
  stop(beforeKill?: () => void): Promise<void>;
  pids(): number[];
}

export function watchChild(child: ChildProcess): WatchedChild {
  let stderr = '';
  let exited = false;
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 64 * 1024) stderr += chunk.toString('utf8');
  });
  child.on('exit', () => (exited = true));
  child.on('error', (err) => {
    exited = true;
    stderr += String(err);
  });
  return {
    stderr: () => stderr,
    exited: () => exited,
    pids: () => (child.pid && !exited ? [child.pid] : []),
    stop: async (beforeKill) => {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      beforeKill?.();
      child.kill('SIGTERM');
      await gone;
    },
  };
}
