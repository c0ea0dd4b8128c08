// @custos/contracts holds class-transformer @Type decorators, which need the metadata polyfill Nest loads.
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createTestBucket, testInfra, testS3Client } from '@custos/testing';
import { DAY_MS, FootageStore, OriginalExistsError } from './footage-store.port';
import { LocalDiskFootageStore } from './local-disk-footage-store';
import { RetentionRefusedError } from './retention-policy';
import { S3FootageStore } from './s3-footage-store';

/**
 * One contract for every FootageStore (R16.3 write-once, R16.7 retention): the S3 store on the
 * harness's Ceph RGW with Object Lock, and the embedded mode's local-disk store in a temp dir.
 */
interface Subject {
  readonly name: string;
  make(retentionDays?: number): Promise<FootageStore>;
}

const tempDirs: string[] = [];
const subjects: Subject[] = [
  {
    name: 'S3FootageStore',
    make: async (retentionDays = 30) => {
      const { s3 } = testInfra();
      const store = new S3FootageStore({
        connection: s3,
        bucket: await createTestBucket('footage-contract', { objectLock: true }),
        retentionDays,
        partSizeBytes: 5 * 1024 * 1024,
      });
      await store.ensureReady();
      return store;
    },
  },
  {
    name: 'LocalDiskFootageStore',
    make: async (retentionDays = 30) => {
      const dir = await fs.mkdtemp(join(tmpdir(), 'custos-store-'));
      tempDirs.push(dir);
      const store = new LocalDiskFootageStore({ dir, retentionDays });
      await store.ensureReady();
      return store;
    },
  },
];

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => fs.rm(dir, { recursive: true, force: true, maxRetries: 2 })));
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** `total` bytes in chunks of 1 MiB, generated as read. */
function generated(total: number, seed = 1): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const size = Math.min(1024 * 1024, total - sent);
      const chunk = Buffer.alloc(size, (seed + sent / (1024 * 1024)) & 0xff);
      sent += size;
      this.push(chunk);
    },
  });
}

describe.each(subjects)('FootageStore contract: $name', (subject) => {
  let store: FootageStore;
  beforeAll(async () => {
    store = await subject.make();
  });

  it('stores bytes once and reads back the same bytes, with their SHA-256 computed while streaming', async () => {
    const body = Buffer.from('a short footage segment');
    const stored = await store.put('originals/org-1/cam-1/seg-short', Readable.from([body]), {
      expectedSize: body.length,
    });
    expect(stored).toMatchObject({
      key: 'originals/org-1/cam-1/seg-short',
      sizeBytes: body.length,
      sha256: sha256(body),
    });
    expect(await bytesOf(await store.read(stored))).toEqual(body);
    expect(await store.exists(stored.key)).toBe(true);
    expect(await store.exists('originals/org-1/cam-1/absent')).toBe(false);
  });

  it('streams an object of several parts, size unknown up front', async () => {
    const total = 12 * 1024 * 1024 + 123;
    const expected = await bytesOf(generated(total));
    const stored = await store.put('originals/org-1/cam-1/seg-multipart', generated(total));
    expect(stored).toMatchObject({ sizeBytes: total, sha256: sha256(expected) });
    expect(sha256(await bytesOf(await store.read(stored)))).toBe(sha256(expected));
  });

  it('reads a byte range (both ends inclusive) equal to the same bytes of the whole object, across parts', async () => {
    const total = 6 * 1024 * 1024 + 77;
    const whole = Buffer.concat([Buffer.from('header:'), await bytesOf(generated(total, 7))]);
    const stored = await store.put('originals/org-1/cam-1/seg-ranged', Readable.from([whole]), { expectedSize: whole.length });
    const ranges = [
      { start: 0, end: 0 },
      { start: 0, end: 1023 },
      { start: 5 * 1024 * 1024 - 10, end: 5 * 1024 * 1024 + 10 },
      { start: whole.length - 100, end: whole.length - 1 },
    ];
    for (const range of ranges) {
      expect(await bytesOf(await store.readRange(stored, range))).toEqual(whole.subarray(range.start, range.end + 1));
    }
    await expect(store.readRange(stored, { start: 10, end: 9 })).rejects.toThrow(/invalid byte range/);
    await expect(store.readRange(stored, { start: -1, end: 9 })).rejects.toThrow(/invalid byte range/);
  });

  it('refuses to overwrite an existing original and keeps its bytes (R16.3)', async () => {
    const key = 'originals/org-1/cam-1/seg-once';
    const first = await store.put(key, Readable.from([Buffer.from('original')]));
    await expect(store.put(key, Readable.from([Buffer.from('altered!')]))).rejects.toBeInstanceOf(OriginalExistsError);
    expect((await bytesOf(await store.read(first))).toString()).toBe('original');
  });

  it('refuses one of two racing writers of the same key (R16.3)', async () => {
    const key = 'originals/org-1/cam-1/seg-race';
    const results = await Promise.allSettled([
      store.put(key, Readable.from([Buffer.from('writer one')])),
      store.put(key, Readable.from([Buffer.from('writer two')])),
    ]);
    // S3 has no conditional put on this server: the second version is written but never read,
    // because reads name the version recorded at ingest; the database refuses the second record.
    if (subject.name === 'LocalDiskFootageStore') {
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    }
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
  });

  it('locks every object under COMPLIANCE retention of at least 30 days (R16.7)', async () => {
    const before = Date.now();
    const stored = await store.put('originals/org-1/cam-2/seg-retained', Readable.from([Buffer.from('kept')]));
    const retention = await store.retention(stored);
    expect(retention.mode).toBe('COMPLIANCE');
    expect(retention.retainUntil.getTime()).toBeGreaterThanOrEqual(before + 30 * DAY_MS - 1000);
    expect(stored.retainUntil.getTime()).toBe(retention.retainUntil.getTime());
  });

  it("locks an original for its image system's longer retention, never below the store's minimum (R16.7)", async () => {
    const before = Date.now();
    const kept = await store.put('originals/org-1/cam-2/seg-bank-90', Readable.from([Buffer.from('bank')]), { retentionDays: 90 });
    const retention = await store.retention(kept);
    expect(retention.mode).toBe('COMPLIANCE');
    expect(retention.retainUntil.getTime()).toBeGreaterThanOrEqual(before + 90 * DAY_MS - 1000);
    expect(retention.retainUntil.getTime()).toBeLessThanOrEqual(Date.now() + 90 * DAY_MS + 1000);
    expect(kept.retainUntil.getTime()).toBe(retention.retainUntil.getTime());
    const floor = await store.put('originals/org-1/cam-2/seg-floor', Readable.from([Buffer.from('x')]), { retentionDays: 30 });
    expect((await store.retention(floor)).retainUntil.getTime()).toBeLessThan(before + 31 * DAY_MS);
  });

  it('refuses to lock an original for less than 30 days before storing a byte (R16.7)', async () => {
    const key = 'originals/org-1/cam-2/seg-short';
    await expect(store.put(key, Readable.from([Buffer.from('x')]), { retentionDays: 29 })).rejects.toBeInstanceOf(
      RetentionRefusedError,
    );
    expect(await store.exists(key)).toBe(false);
  });

  it('leaves no object behind when the upload is cut off', async () => {
    const key = 'originals/org-1/cam-3/seg-cut';
    let sent = 0;
    const failing = new Readable({
      read() {
        sent += 1;
        if (sent > 3) return void this.destroy(new Error('client went away'));
        this.push(Buffer.alloc(1024 * 1024, 1));
      },
    });
    await expect(store.put(key, failing)).rejects.toThrow('client went away');
    expect(await store.exists(key)).toBe(false);
  });

  it('commits the parts of a resumable upload, one sent again, as one original locked like a put; nothing is an object before (R16.3, R16.7)', async () => {
    const key = 'originals/org-1/cam-4/seg-parts';
    const whole = await bytesOf(generated(5 * 1024 * 1024 + 999, 3));
    const [one, two] = [whole.subarray(0, 5 * 1024 * 1024), whole.subarray(5 * 1024 * 1024)];
    const before = Date.now();
    const uploadId = await store.startUpload(key, 'video/mp4');
    await store.uploadPart(key, uploadId, 1, Buffer.alloc(one.length, 9));
    const parts = [
      { part: 1, etag: await store.uploadPart(key, uploadId, 1, one) },
      { part: 2, etag: await store.uploadPart(key, uploadId, 2, two) },
    ];
    expect(await store.exists(key)).toBe(false);
    const stored = await store.completeUpload(key, uploadId, parts, { expectedSize: whole.length, sha256: sha256(whole) });
    expect(stored).toMatchObject({ key, sizeBytes: whole.length, sha256: sha256(whole) });
    expect(sha256(await bytesOf(await store.read(stored)))).toBe(sha256(whole));
    const retention = await store.retention(stored);
    expect(retention.mode).toBe('COMPLIANCE');
    expect(retention.retainUntil.getTime()).toBeGreaterThanOrEqual(before + 30 * DAY_MS - 1000);

    const again = await store.startUpload(key, 'video/mp4');
    const etag = await store.uploadPart(key, again, 1, Buffer.from('altered'));
    await expect(
      store.completeUpload(key, again, [{ part: 1, etag }], { expectedSize: 7, sha256: sha256(Buffer.from('altered')) }),
    ).rejects.toBeInstanceOf(OriginalExistsError);
    await store.abortUpload(key, again);
    expect(sha256(await bytesOf(await store.read(stored)))).toBe(sha256(whole));
  });

  it('discards an aborted upload: nothing is stored under its key', async () => {
    const key = 'originals/org-1/cam-4/seg-aborted';
    const uploadId = await store.startUpload(key, 'video/mp4');
    await store.uploadPart(key, uploadId, 1, Buffer.from('never stored'));
    await store.abortUpload(key, uploadId);
    expect(await store.exists(key)).toBe(false);
  });

  it('refuses a key that could escape its folder', async () => {
    await expect(store.put('originals/../../etc/passwd', Readable.from([Buffer.from('x')]))).rejects.toThrow(
      /invalid object key/,
    );
  });

  it('refuses to start with a retention below 30 days (R16.7)', async () => {
    await expect(subject.make(29)).rejects.toBeInstanceOf(RetentionRefusedError);
  });
});

describe('S3FootageStore: the object store itself refuses deletion and alteration (R16.3, R16.7)', () => {
  let store: S3FootageStore;
  beforeAll(async () => {
    store = (await subjects[0].make(30)) as S3FootageStore;
  });

  it('creates its bucket with Object Lock, versioning and a COMPLIANCE default of >= 30 days', async () => {
    const bucket = `custos-footage-${Date.now().toString(36)}`;
    const fresh = new S3FootageStore({ connection: testInfra().s3, bucket, retentionDays: 45 });
    await fresh.ensureReady();
    const s3 = testS3Client();
    expect(await s3.getObjectLockConfig(bucket)).toMatchObject({
      objectLockEnabled: 'Enabled',
      mode: 'COMPLIANCE',
      unit: 'Days',
      validity: 45,
    });
    expect((await s3.getBucketVersioning(bucket)).Status).toBe('Enabled');
  });

  it('refuses to start on a bucket without Object Lock (R16.3)', async () => {
    const bucket = await createTestBucket('footage-unlocked', { objectLock: false });
    const unlocked = new S3FootageStore({ connection: testInfra().s3, bucket, retentionDays: 30 });
    await expect(unlocked.ensureReady()).rejects.toThrow(/Object Lock/);
  });

  it('refuses a direct S3 delete of the locked version, even with governance bypass', async () => {
    const stored = await store.put('originals/org-1/cam-9/seg-locked', Readable.from([Buffer.from('evidence')]));
    const s3 = testS3Client();
    await expect(s3.removeObject(store.bucket, stored.key, { versionId: stored.versionId })).rejects.toMatchObject({
      code: 'AccessDenied',
    });
    await expect(
      s3.removeObject(store.bucket, stored.key, { versionId: stored.versionId, governanceBypass: true }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    const retention = await s3.getObjectRetention(store.bucket, stored.key, { versionId: stored.versionId! });
    expect(retention?.mode).toBe('COMPLIANCE');
    expect(new Date(retention!.retainUntilDate).getTime()).toBeGreaterThan(Date.now() + 29.9 * DAY_MS);
    expect((await bytesOf(await store.read(stored))).toString()).toBe('evidence');
  });

  it('refuses a direct S3 shortening of the retention', async () => {
    const stored = await store.put(
      'originals/org-1/cam-9/seg-short-retention',
      Readable.from([Buffer.from('evidence')]),
    );
    await expect(
      testS3Client().putObjectRetention(store.bucket, stored.key, {
        versionId: stored.versionId!,
        mode: 'COMPLIANCE',
        retainUntilDate: new Date(Date.now() + DAY_MS).toISOString(),
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  it('keeps the original version when a direct S3 put writes over its key', async () => {
    const stored = await store.put('originals/org-1/cam-9/seg-overwritten', Readable.from([Buffer.from('evidence')]));
    const s3 = testS3Client();
    const replaced = await s3.putObject(store.bucket, stored.key, Buffer.from('forgery!'));
    expect(replaced.versionId).not.toBe(stored.versionId);
    expect((await bytesOf(await store.read(stored))).toString()).toBe('evidence');
    // The plain delete only adds a delete marker; the locked version is still there.
    await s3.removeObject(store.bucket, stored.key);
    expect((await bytesOf(await store.read(stored))).toString()).toBe('evidence');
  });
});

describe('LocalDiskFootageStore: files are read-only and carry their retention record (R16.3, R16.7)', () => {
  it('makes each original read-only (0444) with a read-only COMPLIANCE record beside it', async () => {
    const store = (await subjects[1].make(40)) as LocalDiskFootageStore;
    const stored = await store.put('originals/org-1/cam-1/seg-ro', Readable.from([Buffer.from('bytes')]));
    expect((await fs.stat(store.objectPath(stored.key))).mode & 0o777).toBe(0o444);
    expect((await fs.stat(store.retentionPath(stored.key))).mode & 0o777).toBe(0o444);
    const record = JSON.parse(await fs.readFile(store.retentionPath(stored.key), 'utf8'));
    expect(record).toMatchObject({ mode: 'COMPLIANCE', sha256: stored.sha256, sizeBytes: 5 });
    expect(new Date(record.retainUntil).getTime()).toBeGreaterThan(Date.now() + 39.9 * DAY_MS);
  });
});
