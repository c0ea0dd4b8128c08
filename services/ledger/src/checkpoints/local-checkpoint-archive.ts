import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ArchivedCheckpoint, checkpointObjectKey, CheckpointArchive } from './checkpoint-archive';

/**
 * Checkpoints as read-only files in a folder, for the embedded mode on a developer machine,
 * where no object store with Object Lock runs. A file is created exclusively (never
 * overwritten) and made read-only, which stops mistakes but not the machine's owner: the
 * cluster keeps checkpoints in S3 with COMPLIANCE retention instead (S3CheckpointArchive).
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
    try {
      await fs.writeFile(file, note, { flag: 'wx', mode: 0o444 });
    } catch (error) {
      // A replica (or a restart) signed this size already: the same tree gives the same note.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if ((await fs.readFile(file, 'utf8')) !== note) {
        throw new Error(`checkpoint file ${key} already holds another checkpoint of size ${treeSize}`);
      }
    }
    return { key, versionId: null };
  }
}
