import * as fs from 'node:fs';
import * as path from 'node:path';

/** The checkout's root: the nearest ancestor holding tsconfig.base.json (CI clones anywhere). */
export function findRepoRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'tsconfig.base.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no tsconfig.base.json above ${from}`);
  }
}
