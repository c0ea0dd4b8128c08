import { createHash, Hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import * as Minio from 'minio';
import { IncompleteUploadError } from './footage-store.port';

export interface PartUploadOptions {
  /** Bytes per part (S3: at least 5 MiB except the last); see `partSizeOf` for very large bodies. */
  readonly partSize: number;
  /** Parts on the wire at once while the next one fills. */
  readonly partsInFlight: number;
  readonly contentType: string;
  /** The announced byte count: a body that turns out longer or shorter stores nothing. */
  readonly expectedSize?: number;
}

export interface UploadedObject {
  readonly versionId?: string;
  readonly sizeBytes: number;
  /** Hex SHA-256 of the whole body. */
  readonly sha256: string;
}

/** S3's limit of parts per upload. */
const MAX_PARTS = 10_000;
const PARTS_PER_SIZE_STEP = 1_000;

/**
 * The size of part `number`: `partSize` for the first thousand parts (7.8 GiB at 8 MiB), then
 * one `partSize` more every thousand parts, so 10 000 parts reach 55 000 × partSize (430 GiB
 * at 8 MiB) without knowing the size up front. Memory stays constant below the first step.
 */
export function partSizeOf(number: number, partSize: number): number {
  return partSize * (1 + Math.floor((number - 1) / PARTS_PER_SIZE_STEP));
}

/**
 * A client for `uploadInParts`: it does not sign payloads. Each part carries a Content-MD5
 * (which S3 asks of writes under Object Lock), a signed header that S3 checks against the
 * bytes, so SigV4's signed payload over plain HTTP (a second digest of every byte, SHA-256)
 * would add CPU and no integrity. Over TLS minio-js never signs payloads anyway.
 */
export function partUploadClient(connection: Minio.ClientOptions): Minio.Client {
  const client = new Minio.Client(connection);
  client.enableSHA256 = false;
  return client;
}

/**
 * One part being filled, with its MD5 kept up to date chunk by chunk, so that a full part
 * goes on the wire at once instead of after a pass of hashing.
 */
class Part {
  filled = 0;
  private readonly md5: Hash = createHash('md5');

  constructor(
    readonly number: number,
    readonly buffer: Buffer,
  ) {}

  get full(): boolean {
    return this.filled === this.buffer.length;
  }

  /** Copies as much of `chunk` as fits; answers how many bytes it took. */
  take(chunk: Buffer): number {
    const slice = chunk.subarray(0, Math.min(chunk.length, this.buffer.length - this.filled));
    slice.copy(this.buffer, this.filled);
    this.md5.update(slice);
    this.filled += slice.length;
    return slice.length;
  }

  request(): { payload: Buffer; headers: Record<string, string | number> } {
    return {
      payload: this.buffer.subarray(0, this.filled),
      headers: { 'Content-Length': this.filled, 'Content-MD5': this.md5.digest('base64') },
    };
  }
}

/**
 * Part buffers kept from one upload for the next: without it every upload allocates fresh
 * ones while the last upload's wait for the garbage collector, and the two sets add up at the
 * peak. Buffers left unused for a while are let go, so an idle service holds none.
 */
class PartBuffers {
  private readonly free: Buffer[] = [];
  private release?: NodeJS.Timeout;

  constructor(
    private readonly keep: number,
    private readonly idleMs: number,
  ) {}

  take(size: number): Buffer {
    const at = this.free.findIndex((b) => b.length === size);
    return at === -1 ? Buffer.allocUnsafeSlow(size) : this.free.splice(at, 1)[0];
  }

  give(buffers: readonly Buffer[]): void {
    this.free.push(...buffers);
    this.free.splice(0, Math.max(0, this.free.length - this.keep));
    clearTimeout(this.release);
    this.release = setTimeout(() => (this.free.length = 0), this.idleMs).unref();
  }
}

const partBuffers = new PartBuffers(4, 30_000);

async function drained(response: IncomingMessage): Promise<IncomingMessage> {
  response.resume();
  if (!response.readableEnded)
    await new Promise((resolve, reject) => response.once('end', resolve).once('error', reject));
  return response;
}

function versionIdOf(response: IncomingMessage): string | undefined {
  const header = response.headers['x-amz-version-id'];
  return typeof header === 'string' && header !== '' ? header : undefined;
}

/**
 * PUTs part `number` of a multipart upload; answers its ETag. `headers` carry Content-Length and
 * Content-MD5 (S3 asks the MD5 of writes under Object Lock and checks the bytes against it).
 */
export async function putPart(
  client: Minio.Client,
  bucket: string,
  key: string,
  uploadId: string,
  number: number,
  payload: Buffer,
  headers: Record<string, string | number> = {
    'Content-Length': payload.length,
    'Content-MD5': createHash('md5').update(payload).digest('base64'),
  },
): Promise<string> {
  const query = `partNumber=${number}&uploadId=${encodeURIComponent(uploadId)}`;
  const response = await drained(
    await client.makeRequestStreamAsync({ method: 'PUT', bucketName: bucket, objectName: key, query, headers }, payload, '', [200], ''),
  );
  return String(response.headers.etag ?? '').replace(/^"|"$/g, '');
}

/**
 * Streams `body` into `bucket/key` through a `partUploadClient`: a single PUT when it fits one
 * part, else a multipart upload with up to `partsInFlight` parts on the wire while the next
 * one fills. minio-js's own putObject sends one part at a time and hashes each (MD5, and
 * SHA-256 for the signature) only once it is complete, so its connection idles while it
 * hashes and while S3 answers; here the MD5 follows the bytes as they arrive and the parts
 * overlap. Part buffers are
 * reused: memory is (partsInFlight + 1) parts whatever the size of the body, and no part
 * buffer is left to the garbage collector.
 *
 * A failing body, a failed part or a byte count other than `expectedSize` aborts the upload:
 * nothing is stored, so nothing incomplete gets locked (R16.3).
 */
export async function uploadInParts(
  client: Minio.Client,
  bucket: string,
  key: string,
  body: Readable,
  options: PartUploadOptions,
): Promise<UploadedObject> {
  if (client.enableSHA256) throw new Error('uploadInParts needs a partUploadClient');
  const { expectedSize } = options;
  const upload = new MultipartUpload(client, bucket, key, options);
  const whole = createHash('sha256');
  let total = 0;
  let part = upload.nextPart(1);
  try {
    for await (const chunk of body) {
      let rest = chunk as Buffer;
      total += rest.length;
      if (expectedSize !== undefined && total > expectedSize) throw new IncompleteUploadError(expectedSize, total);
      whole.update(rest);
      while (rest.length > 0) {
        // A full part is sent once more bytes arrive, so a body of exactly one part is one PUT.
        if (part.full) part = await upload.sendAndContinue(part);
        rest = rest.subarray(part.take(rest));
      }
      upload.throwIfFailed();
    }
    if (expectedSize !== undefined && total !== expectedSize) throw new IncompleteUploadError(expectedSize, total);
    const versionId = await upload.finish(part);
    return { versionId, sizeBytes: total, sha256: whole.digest('hex') };
  } catch (error) {
    await upload.abort();
    throw error;
  }
}

/**
 * The state of one `uploadInParts`: its part buffers, the parts on the wire and their ETags,
 * and the multipart upload, started only once a second part is needed.
 */
class MultipartUpload {
  private uploadId?: string;
  // This upload's part buffers, all of them once they are back from the wire.
  private readonly owned: Buffer[] = [];
  private readonly spare: Buffer[] = [];
  private readonly etags: { part: number; etag: string }[] = [];
  // Each part's PUT settles without rejecting (its failure is kept here), so a part failing while
  // the body is read is never an unhandled rejection; the loop checks `failure` as it goes.
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown;

  constructor(
    private readonly client: Minio.Client,
    private readonly bucket: string,
    private readonly key: string,
    private readonly options: PartUploadOptions,
  ) {}

  nextPart(number: number): Part {
    let size = partSizeOf(number, this.options.partSize);
    // A small body announced up front gets a buffer of its size, not of a whole part.
    if (number === 1 && this.options.expectedSize !== undefined) size = Math.max(1, Math.min(size, this.options.expectedSize));
    const reused = this.spare.pop();
    if (reused?.length === size) return new Part(number, reused);
    const buffer = partBuffers.take(size);
    this.owned.push(buffer);
    return new Part(number, buffer);
  }

  /** Sends a full part, waits while `partsInFlight` are on the wire, and answers the next part. */
  async sendAndContinue(part: Part): Promise<Part> {
    if (part.number >= MAX_PARTS) throw new Error(`${this.key} needs more than ${MAX_PARTS} parts`);
    this.uploadId ??= await this.client.initiateNewMultipartUpload(this.bucket, this.key, { 'Content-Type': this.options.contentType });
    this.send(part);
    while (this.inFlight.size >= this.options.partsInFlight) await Promise.race(this.inFlight);
    this.throwIfFailed();
    return this.nextPart(part.number + 1);
  }

  throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  /** Stores the last part: one PUT when it is the only one, else it completes the multipart upload. */
  async finish(last: Part): Promise<string | undefined> {
    if (this.uploadId === undefined) {
      const { payload, headers } = last.request();
      const request = {
        method: 'PUT',
        bucketName: this.bucket,
        objectName: this.key,
        headers: { ...headers, 'Content-Type': this.options.contentType },
      };
      const response = await drained(await this.client.makeRequestStreamAsync(request, payload, '', [200], ''));
      partBuffers.give(this.owned);
      return versionIdOf(response);
    }
    if (last.filled > 0) this.send(last);
    await Promise.all(this.inFlight);
    this.throwIfFailed();
    this.etags.sort((a, b) => a.part - b.part);
    const completed = await this.client.completeMultipartUpload(this.bucket, this.key, this.uploadId, this.etags);
    partBuffers.give(this.owned);
    return completed.versionId ?? undefined;
  }

  /**
   * Aborts the multipart upload once no part is on the wire. A failed upload's buffers are left
   * to the garbage collector: a request that failed early may still be writing from one.
   */
  async abort(): Promise<void> {
    await Promise.all(this.inFlight);
    if (this.uploadId !== undefined) await this.client.abortMultipartUpload(this.bucket, this.key, this.uploadId).catch(() => undefined);
  }

  private send(part: Part): void {
    const { payload, headers } = part.request();
    const upload: Promise<void> = putPart(this.client, this.bucket, this.key, this.uploadId!, part.number, payload, headers)
      .then(
        (etag) => {
          this.etags.push({ part: part.number, etag });
          this.spare.push(part.buffer);
        },
        (error: unknown) => void (this.failure ??= error),
      )
      .finally(() => this.inFlight.delete(upload));
    this.inFlight.add(upload);
  }
}
