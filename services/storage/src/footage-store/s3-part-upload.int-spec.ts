// @custos/contracts holds class-transformer @Type decorators, which need the metadata polyfill Nest loads.
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import * as Minio from 'minio';
import { createTestBucket, testInfra } from '@custos/testing';
import { IncompleteUploadError } from './footage-store.port';
import { partUploadClient, PartUploadOptions, uploadInParts } from './s3-part-upload';

const MIB = 1024 * 1024;
const PART = 5 * MIB;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const bodyOf = (size: number) => {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4093) bytes[i] = (i / 4093) & 0xff;
  return bytes;
};
/** The bytes in chunks of 64 KiB, as a socket delivers them. */
const chunked = (bytes: Buffer) =>
  Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
    })(),
  );

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function incompleteUploads(client: Minio.Client, bucket: string): Promise<unknown[]> {
  const found: unknown[] = [];
  for await (const upload of client.listIncompleteUploads(bucket, '', true)) found.push(upload);
  return found;
}

describe('uploadInParts: streamed multipart upload with parts on the wire while the next fills (issue 6)', () => {
  let client: Minio.Client;
  let bucket: string;
  const options: PartUploadOptions = {
    partSize: PART,
    partsInFlight: 2,
    contentType: 'video/mp4',
  };

  beforeAll(async () => {
    client = partUploadClient(testInfra().s3);
    bucket = await createTestBucket('part-upload', { objectLock: true });
  });

  it.each([
    ['an empty body', 0, ''],
    ['exactly one part, in one PUT', PART, ''],
    ['one byte more than a part, in two parts', PART + 1, '-2'],
    ['several parts and a short last one', 4 * PART + 12345, '-5'],
  ])('stores %s with its SHA-256 and a version', async (_what, size, etagSuffix) => {
    const bytes = bodyOf(size);
    const key = `parts/size-${size}`;
    const stored = await uploadInParts(client, bucket, key, chunked(bytes), { ...options, expectedSize: size });
    expect(stored).toMatchObject({ sizeBytes: size, sha256: sha256(bytes), versionId: expect.any(String) });
    expect(sha256(await bytesOf(await client.getObject(bucket, key, { versionId: stored.versionId! })))).toBe(
      sha256(bytes),
    );
    const stat = await client.statObject(bucket, key);
    expect(stat.etag.endsWith(etagSuffix)).toBe(true);
    if (etagSuffix === '') expect(stat.etag).not.toMatch(/-\d+$/);
    expect(stat.metaData['content-type']).toBe('video/mp4');
  });

  it('keeps partsInFlight parts on the wire at once, never more', async () => {
    const original = client.makeRequestStreamAsync.bind(client);
    let onWire = 0;
    let most = 0;
    const spy = jest.spyOn(client, 'makeRequestStreamAsync').mockImplementation(async (...args) => {
      const isPart = String(args[0].query ?? '').startsWith('partNumber=');
      if (isPart) most = Math.max(most, ++onWire);
      try {
        return await original(...args);
      } finally {
        if (isPart) onWire--;
      }
    });
    try {
      const bytes = bodyOf(6 * PART);
      const stored = await uploadInParts(client, bucket, 'parts/overlapping', chunked(bytes), options);
      expect(stored.sha256).toBe(sha256(bytes));
    } finally {
      spy.mockRestore();
    }
    expect(most).toBe(2);
  });

  it('has S3 refuse a part whose bytes changed on the way, by its signed Content-MD5, and stores nothing (R16.3)', async () => {
    const original = client.makeRequestStreamAsync.bind(client);
    const spy = jest.spyOn(client, 'makeRequestStreamAsync').mockImplementation(async (request, payload, ...rest) => {
      if (!String(request.query ?? '').startsWith('partNumber=2&')) return original(request, payload, ...rest);
      const changed = Buffer.from(payload as Buffer);
      changed[1000] ^= 0xff;
      return original(request, changed, ...rest);
    });
    try {
      const upload = uploadInParts(client, bucket, 'parts/changed-on-the-way', chunked(bodyOf(3 * PART)), options);
      await expect(upload).rejects.toMatchObject({ code: 'BadDigest' });
    } finally {
      spy.mockRestore();
    }
    await expect(client.statObject(bucket, 'parts/changed-on-the-way')).rejects.toMatchObject({ code: 'NotFound' });
    expect(await incompleteUploads(client, bucket)).toEqual([]);
  });

  it('refuses a client that would hash every part a second time to sign it', async () => {
    const signing = new Minio.Client(testInfra().s3);
    if (!signing.enableSHA256) return; // over TLS minio-js never signs payloads
    await expect(uploadInParts(signing, bucket, 'parts/signing', chunked(bodyOf(10)), options)).rejects.toThrow(
      'partUploadClient',
    );
  });

  it.each([
    ['shorter', 3 * PART + 10, 3 * PART + 11],
    ['longer', 3 * PART + 10, 2 * PART],
  ])(
    'stores nothing and leaves no upload behind when the body is %s than announced',
    async (_what, actual, announced) => {
      const key = `parts/announced-${announced}-got-${actual}`;
      const upload = uploadInParts(client, bucket, key, chunked(bodyOf(actual)), {
        ...options,
        expectedSize: announced,
      });
      await expect(upload).rejects.toBeInstanceOf(IncompleteUploadError);
      await expect(client.statObject(bucket, key)).rejects.toMatchObject({ code: 'NotFound' });
      expect(await incompleteUploads(client, bucket)).toEqual([]);
    },
  );

  it('stores nothing and leaves no upload behind when the body fails after some parts', async () => {
    let sent = 0;
    const failing = new Readable({
      read() {
        if (sent >= 3 * PART) return void this.destroy(new Error('client went away'));
        sent += MIB;
        this.push(Buffer.alloc(MIB, 1));
      },
    });
    await expect(uploadInParts(client, bucket, 'parts/cut', failing, options)).rejects.toThrow('client went away');
    await expect(client.statObject(bucket, 'parts/cut')).rejects.toMatchObject({ code: 'NotFound' });
    expect(await incompleteUploads(client, bucket)).toEqual([]);
  });
});
