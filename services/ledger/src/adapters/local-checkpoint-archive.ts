import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ArchivedCheckpoint, checkpointObjectKey, CheckpointArchive } from '../domain/checkpoint-archive.port';

/**
 * Checkpoints as read-only files in a folder, for the embedded mode on a developer machine,
 * where no object store with Object Lock runs. A file is never overwritten once complete and
 * is made read-only, which stops mistakes but not the machine's owner: the cluster keeps
 * checkpoints in S3 with COMPLIANCE retention instead (S3CheckpointArchive).
 *
 * Each file appears atomically: the note is written and fsynced under a temporary name in the
 * same folder, then linked to its final name (which fails if it exists: write-once), and the
 * folder fsynced. A kill at any moment leaves either no file or the whole note, never an empty
 * file that would block every later archive of that size.
 */
export class LocalCheckpointArchive implements CheckpointArchive {
  constructor(
    private readonly directory: string,
    private readonly prefix = '',
  ) {}

  async assertWriteOnce(): Promise<void> {
    await fs.mkdir(this.directory, { recursive: true });
  }

  keyOf(treeSize: number): string {
    return checkpointObjectKey(this.prefix, treeSize);
  }

  async put(treeSize: number, note: string): Promise<ArchivedCheckpoint> {
    const key = this.keyOf(treeSize);
    const file = path.join(this.directory, key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const existing = await readIfExists(file);
    if (existing !== note) {
      // An empty or cut-off file (left by a version that wrote in place, killed mid-write) is
      // no checkpoint: it is replaced. Ed25519 signing is deterministic, so the note of one tree
      // size is always the same and any honest interrupted write is a prefix of it.
      if (existing !== undefined && !note.startsWith(existing)) {
        throw new Error(`checkpoint file ${key} already holds another checkpoint of size ${treeSize}`);
      }
      await writeAtomically(file, note, existing === undefined ? 'create' : 'replace-partial');
      if (existing === undefined && (await readIfExists(file)) !== note) {
        // Another writer (a replica, a restart) linked its note first.
        throw new Error(`checkpoint file ${key} already holds another checkpoint of size ${treeSize}`);
      }
    }
    return { key, versionId: null };
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * `create` links the temporary file to `file` and leaves an existing one alone (write-once,
 * even against a concurrent writer); `replace-partial` renames over an interrupted write.
 */
async function writeAtomically(file: string, content: string, mode: 'create' | 'replace-partial'): Promise<void> {
  const dir = path.dirname(file);
  // A dot name: a temporary file left by a kill is never taken for a checkpoint.
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(temporary, 'wx', 0o444);
  try {
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (mode === 'replace-partial') {
      await fs.rename(temporary, file);
    } else {
      try {
        await fs.link(temporary, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    await syncFolder(dir);
  } finally {
    await fs.rm(temporary, { force: true });
  }
}

async function syncFolder(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
