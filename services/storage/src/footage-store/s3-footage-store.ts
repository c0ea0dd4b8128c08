import { Readable } from 'node:stream';
import * as Minio from 'minio';
import { ObjectLockCalls } from '@custos/platform';
import { assertValidKey, assertValidRange, ByteRange, CompleteOptions, FootageStore, ObjectRef } from './footage-store.port';
import { PutOptions, RetentionInfo, StoredObject, StoredObjectHead, UploadedPart } from './footage-store.port';
import { WriteOnceFootageStore, WriteOnceStoreOptions } from './write-once-footage-store';
import { partUploadClient, putPart, uploadInParts } from './s3-part-upload';

export interface S3Connection {
  readonly endPoint: string;
  readonly port: number;
  readonly useSSL: boolean;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly region: string;
}

export interface S3FootageStoreOptions extends WriteOnceStoreOptions {
  readonly connection: S3Connection;
  readonly bucket: string;
  /** Multipart part size (default 8 MiB); memory per upload is (partsInFlight + 1) parts. */
  readonly partSizeBytes?: number;
  /** Parts uploaded at once while the next fills (default 3). */
  readonly partsInFlight?: number;
}

/** `http://host:port` (S3_ENDPOINT) and credentials as a connection. */
export function s3ConnectionOf(endpoint: string, accessKey: string, secretKey: string, region: string): S3Connection {
  const url = new URL(endpoint);
  const useSSL = url.protocol === 'https:';
  return {
    endPoint: url.hostname,
    port: Number(url.port || (useSSL ? 443 : 80)),
    useSSL,
    accessKey,
    secretKey,
    region,
  };
}

// Four part buffers of 8 MiB per upload (three on the wire, one filling): as fast as the raw
// minio client's serial 64 MiB parts on the benchmark's Ceph, in a quarter of their memory
// (issue 6, npm run bench:storage). Two on the wire were 15% slower; 5 MiB parts were a little
// slower and did not lower the service's peak.
const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
const DEFAULT_PARTS_IN_FLIGHT = 3;

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'NotFound' || code === 'NoSuchKey' || code === 'NoSuchVersion';
}

/**
 * Footage in an S3 bucket with Object Lock (R16.3): versioned, with a bucket default retention
 * of COMPLIANCE for `retentionDays`, and each object's COMPLIANCE retention set again by
 * `putObjectRetention` after its put (lock headers given as putObject metadata lock nothing
 * with minio-js). Nobody, root included, can delete a locked version or shorten its retention.
 * A put to a key that exists would only add a version; the store refuses it first, and reads
 * always name the version recorded at ingest, so a later version could change nothing.
 */
export class S3FootageStore extends WriteOnceFootageStore implements FootageStore {
  readonly client: Minio.Client;
  private readonly uploads: Minio.Client;

  constructor(private readonly options: S3FootageStoreOptions) {
    super(options);
    this.client = new Minio.Client(options.connection);
    this.uploads = partUploadClient(options.connection);
  }

  get bucket(): string {
    return this.options.bucket;
  }

  async ensureReady(): Promise<void> {
    const { client, bucket } = this;
    if (!(await client.bucketExists(bucket))) {
      await client.makeBucket(bucket, this.options.connection.region, { ObjectLocking: true });
    }
    const locks: ObjectLockCalls = client;
    let lock: Minio.ObjectLockInfo;
    try {
      lock = await locks.getObjectLockConfig(bucket);
    } catch (error) {
      throw new Error(`footage bucket ${bucket} has no Object Lock (R16.3): ${(error as Error).message}`);
    }
    if (!('objectLockEnabled' in lock) || lock.objectLockEnabled !== 'Enabled') {
      throw new Error(`footage bucket ${bucket} does not have Object Lock enabled (R16.3)`);
    }
    const versioning = await client.getBucketVersioning(bucket);
    if (versioning?.Status !== 'Enabled') throw new Error(`footage bucket ${bucket} is not versioned (R16.3)`);
    // A default only ever lengthens: a longer one set by an operator (a law, R16.7) is kept.
    const current =
      'validity' in lock && lock.mode === 'COMPLIANCE' ? lock.validity * (lock.unit === 'Years' ? 365 : 1) : 0;
    if (current < this.retentionDays) {
      await locks.setObjectLockConfig(bucket, { mode: 'COMPLIANCE', unit: 'Days', validity: this.retentionDays });
    }
  }

  async put(key: string, body: Readable, options: PutOptions = {}): Promise<StoredObject> {
    const lockDays = await this.admitOriginal(key, options);
    // A cut-off body or a byte count other than announced aborts the upload: nothing is stored.
    const uploaded = await uploadInParts(this.uploads, this.bucket, key, body, {
      partSize: this.options.partSizeBytes ?? DEFAULT_PART_SIZE,
      partsInFlight: this.options.partsInFlight ?? DEFAULT_PARTS_IN_FLIGHT,
      contentType: options.contentType ?? 'application/octet-stream',
      expectedSize: options.expectedSize,
    });
    if (!uploaded.versionId) throw new Error(`bucket ${this.bucket} returned no version id: versioning is off`);
    const retainUntil = await this.lock({ key, versionId: uploaded.versionId }, lockDays);
    return { key, versionId: uploaded.versionId, sizeBytes: uploaded.sizeBytes, sha256: uploaded.sha256, retainUntil };
  }

  async startUpload(key: string, contentType: string): Promise<string> {
    assertValidKey(key);
    return this.uploads.initiateNewMultipartUpload(this.bucket, key, { 'Content-Type': contentType });
  }

  uploadPart(key: string, uploadId: string, number: number, bytes: Buffer): Promise<string> {
    return putPart(this.uploads, this.bucket, key, uploadId, number, bytes);
  }

  /** As `put` after its bytes are sent: refused on an existing key, then locked (R16.3, R16.7). */
  async completeUpload(
    key: string,
    uploadId: string,
    parts: readonly UploadedPart[],
    options: CompleteOptions,
  ): Promise<StoredObject> {
    const lockDays = await this.admitOriginal(key, options);
    const sorted = [...parts].sort((a, b) => a.part - b.part);
    const completed = await this.uploads.completeMultipartUpload(this.bucket, key, uploadId, sorted);
    if (!completed.versionId) throw new Error(`bucket ${this.bucket} returned no version id: versioning is off`);
    const retainUntil = await this.lock({ key, versionId: completed.versionId }, lockDays);
    return { key, versionId: completed.versionId, sizeBytes: options.expectedSize, sha256: options.sha256, retainUntil };
  }

  async abortUpload(key: string, uploadId: string): Promise<void> {
    await this.uploads.abortMultipartUpload(this.bucket, key, uploadId);
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.statObject(this.bucket, key);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async head(key: string): Promise<StoredObjectHead | undefined> {
    try {
      const stat = await this.client.statObject(this.bucket, key);
      return { key, ...(stat.versionId ? { versionId: stat.versionId } : {}), sizeBytes: stat.size };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async *listKeys(prefix: string): AsyncIterable<string> {
    for await (const item of this.client.listObjectsV2(this.bucket, prefix, true)) {
      if (typeof item.name === 'string') yield item.name;
    }
  }

  read(ref: ObjectRef): Promise<Readable> {
    return this.client.getObject(this.bucket, ref.key, ref.versionId ? { versionId: ref.versionId } : {});
  }

  async readUrl(ref: ObjectRef, ttlSeconds: number): Promise<string> {
    // The version id goes into the signed query: the URL reads that version and no later one.
    const params = (ref.versionId ? { versionId: ref.versionId } : {}) as Record<string, string>;
    return this.client.presignedGetObject(this.bucket, ref.key, ttlSeconds, params);
  }

  async readRange(ref: ObjectRef, range: ByteRange): Promise<Readable> {
    assertValidRange(range);
    return this.client.getPartialObject(
      this.bucket,
      ref.key,
      range.start,
      range.end - range.start + 1,
      ref.versionId ? { versionId: ref.versionId } : {},
    );
  }

  async retention(ref: ObjectRef): Promise<RetentionInfo> {
    const info = await this.client.getObjectRetention(this.bucket, ref.key, { versionId: ref.versionId ?? '' });
    if (!info || info.mode !== 'COMPLIANCE' || !info.retainUntilDate) {
      throw new Error(`object ${ref.key} has no COMPLIANCE retention (R16.7)`);
    }
    return { mode: 'COMPLIANCE', retainUntil: new Date(info.retainUntilDate) };
  }

  /**
   * COMPLIANCE retention of `days` from now (the system's retention, R16.7). The bucket default has already locked the
   * version from its creation; the explicit date is only ever a lengthening, because the server
   * refuses to shorten a COMPLIANCE retention.
   */
  private async lock(ref: Required<ObjectRef>, days: number): Promise<Date> {
    const wanted = this.retainUntil(days);
    const current = await this.client
      .getObjectRetention(this.bucket, ref.key, { versionId: ref.versionId })
      .catch(() => undefined);
    if (current?.mode === 'COMPLIANCE' && current.retainUntilDate && new Date(current.retainUntilDate) >= wanted) {
      return new Date(current.retainUntilDate);
    }
    await this.client.putObjectRetention(this.bucket, ref.key, {
      versionId: ref.versionId,
      mode: 'COMPLIANCE',
      retainUntilDate: wanted.toISOString(),
    });
    return wanted;
  }
}
