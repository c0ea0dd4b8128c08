import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const WEB_DIR = path.resolve(__dirname, '../web');
export const WEB_DIST = path.join(WEB_DIR, 'dist');

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((e) => newestMtime(path.join(entry, e))));
}

/** True when dist/index.html is missing or older than any source of the web app. */
export function webBuildIsStale(): boolean {
  const built = newestMtime(path.join(WEB_DIST, 'index.html'));
  const sources = Math.max(
    newestMtime(path.join(WEB_DIR, 'src')),
    newestMtime(path.join(WEB_DIR, 'index.html')),
    newestMtime(path.join(WEB_DIR, 'vite.config.mts')),
  );
  return built === 0 || built < sources;
}

/** Builds the web app (a few seconds) when it is missing or stale; returns whether it built. */
export function ensureWebBuilt(log: (line: string) => void = () => undefined): boolean {
  if (!webBuildIsStale()) return false;
  log('building the console (vite build)…');
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', WEB_DIR, '--logLevel', 'error'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    // NODE_ENV=production whatever the caller's (jest sets `test`): else React's development build ships.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return true;
}
