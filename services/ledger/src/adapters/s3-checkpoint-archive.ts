import { ObjectLockCalls } from '@custos/platform';
import type { Client, ObjectLockInfo } from 'minio';
import { ArchivedCheckpoint, checkpointObjectKey, CheckpointArchive } from '../domain/checkpoint-archive.port';

export interface S3CheckpointArchiveOptions {
  readonly client: Client;
  /** A bucket created with Object Lock (and so versioning). */
  readonly bucket: string;
  readonly prefix?: string;
  /** COMPLIANCE retention of each checkpoint object: nobody, not even the root account, may delete it before. */
  readonly retentionDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Checkpoints as objects in an S3 bucket with Object Lock. Each object gets a COMPLIANCE
 * retention by `putObjectRetention` after the put: lock headers given as putObject metadata
 * are renamed to `x-amz-meta-*` by minio-js and lock nothing (deploy/ infra notes).
 */
export class S3CheckpointArchive implements CheckpointArchive {
  private readonly prefix: string;

  constructor(private readonly options: S3CheckpointArchiveOptions) {
    this.prefix = options.prefix ?? 'checkpoints/';
  }

  async assertWriteOnce(): Promise<void> {
    const { client, bucket } = this.options;
    const locks: ObjectLockCalls = client;
    let lock: ObjectLockInfo;
    try {
      lock = await locks.getObjectLockConfig(bucket);
    } catch (error) {
      throw new Error(`checkpoint bucket ${bucket} has no Object Lock configuration: ${(error as Error).message}`);
    }
    if (!('objectLockEnabled' in lock) || lock.objectLockEnabled !== 'Enabled') {
      throw new Error(`checkpoint bucket ${bucket} does not have Object Lock enabled`);
    }
  }

  keyOf(treeSize: number): string {
    return checkpointObjectKey(this.prefix, treeSize);
  }

  async put(treeSize: number, note: string): Promise<ArchivedCheckpoint> {
    const { client, bucket, retentionDays } = this.options;
    const key = this.keyOf(treeSize);
    const body = Buffer.from(note, 'utf8');
    const uploaded = await client.putObject(bucket, key, body, body.length, {
      'Content-Type': 'text/plain; charset=utf-8',
    });
    if (!uploaded.versionId)
      throw new Error(`bucket ${bucket} returned no version id: versioning (Object Lock) is off`);
    await client.putObjectRetention(bucket, key, {
      versionId: uploaded.versionId,
      mode: 'COMPLIANCE',
      retainUntilDate: new Date(Date.now() + retentionDays * DAY_MS).toISOString(),
    });
    return { key, versionId: uploaded.versionId };
  }
}
