import fs from 'node:fs';
import path from 'node:path';

/**
 * The first folder from `dir` up to the root that other users may not enter (no o+x), if any.
 * Embedded Postgres started as root runs as the `postgres` user, which must reach both its
 * binaries in node_modules and its data directory through every one of these folders.
 */
export function firstClosedFolder(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(d) && (fs.statSync(d).mode & 0o001) === 0) return d;
    if (d === path.dirname(d)) return undefined;
  }
}
