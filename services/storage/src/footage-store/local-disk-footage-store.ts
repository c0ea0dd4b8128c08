import { createHash, randomUUID } from 'node:crypto';
import { constants, createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertValidKey, assertValidRange, ByteRange, CompleteOptions, FootageStore, IncompleteUploadError, ObjectRef } from './footage-store.port';
import { OriginalExistsError, PutOptions, RetentionInfo, StoredObject, StoredObjectHead, UploadedPart } from './footage-store.port';
import { HashingStream } from './hashing-stream';
import { WriteOnceFootageStore, WriteOnceStoreOptions } from './write-once-footage-store';

export interface LocalDiskFootageStoreOptions extends WriteOnceStoreOptions {
  /** LOCAL_STORE_DIR. */
  readonly dir: string;
}

interface RetentionRecord {
  readonly key: string;
  readonly mode: 'COMPLIANCE';
  readonly retainUntil: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly writtenAt: string;
}

/**
 * The embedded mode's write-once store (R16.3): objects under `<dir>/objects`, each written
 * through a fresh temporary file opened with `wx`, then hard-linked into place (`link` never
 * replaces an existing name, so two writers of one key cannot both win), then made read-only
 * (0444). A retention record beside it (`<dir>/retention/<key>.json`, itself written `wx`
 * and 0444) states the COMPLIANCE retention (R16.7). The store has no delete and no overwrite.
 * File modes do not bind root: on a shared host the S3 store with Object Lock is the one that
 * holds against the operator; this one holds against the application.
 */
export class LocalDiskFootageStore extends WriteOnceFootageStore implements FootageStore {
  private readonly root: string;

  constructor(options: LocalDiskFootageStoreOptions) {
    super(options);
    this.root = resolve(options.dir);
  }

  async ensureReady(): Promise<void> {
    for (const sub of ['objects', 'retention', 'incoming']) {
      await fs.mkdir(join(this.root, sub), { recursive: true, mode: 0o750 });
    }
  }

  async put(key: string, body: Readable, options: PutOptions = {}): Promise<StoredObject> {
    // Refused before a byte is read of a body that could never be stored.
    const lockDays = await this.admitOriginal(key, options);
    const target = this.objectPath(key);
    const incoming = join(this.root, 'incoming', randomUUID());
    const hasher = new HashingStream();
    try {
      await pipeline(body, hasher, createWriteStream(incoming, { flags: 'wx', mode: 0o600 }));
      if (options.expectedSize !== undefined && hasher.bytes !== options.expectedSize) {
        throw new IncompleteUploadError(options.expectedSize, hasher.bytes);
      }
      await fs.mkdir(dirname(target), { recursive: true, mode: 0o750 });
      try {
        await fs.link(incoming, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new OriginalExistsError(key);
        throw error;
      }
    } finally {
      await fs.rm(incoming, { force: true });
    }
    await fs.chmod(target, 0o444);
    const now = this.clock();
    const record: RetentionRecord = {
      key,
      mode: 'COMPLIANCE',
      retainUntil: this.retainUntil(lockDays, now).toISOString(),
      sizeBytes: hasher.bytes,
      sha256: hasher.sha256(),
      writtenAt: now.toISOString(),
    };
    const recordPath = this.retentionPath(key);
    await fs.mkdir(dirname(recordPath), { recursive: true, mode: 0o750 });
    await fs.writeFile(recordPath, JSON.stringify(record), { flag: 'wx', mode: 0o444 });
    return { key, sizeBytes: record.sizeBytes, sha256: record.sha256, retainUntil: new Date(record.retainUntil) };
  }

  /** Parts wait as files in `incoming/uploads/<id>/`, outside the objects, until completed. */
  async startUpload(key: string): Promise<string> {
    assertValidKey(key);
    const uploadId = randomUUID();
    await fs.mkdir(this.uploadPath(uploadId), { recursive: true, mode: 0o700 });
    return uploadId;
  }

  async uploadPart(_key: string, uploadId: string, number: number, bytes: Buffer): Promise<string> {
    await fs.writeFile(join(this.uploadPath(uploadId), String(number)), bytes, { mode: 0o600 });
    return createHash('md5').update(bytes).digest('hex');
  }

  /** The parts, in order, go through `put`: the same write-once path as a single upload. */
  async completeUpload(
    key: string,
    uploadId: string,
    parts: readonly UploadedPart[],
    options: CompleteOptions,
  ): Promise<StoredObject> {
    const dir = this.uploadPath(uploadId);
    const numbers = parts.map((p) => p.part).sort((a, b) => a - b);
    const body = Readable.from(
      (async function* () {
        for (const number of numbers) yield* createReadStream(join(dir, String(number)), { highWaterMark: 1024 * 1024 });
      })(),
    );
    const stored = await this.put(key, body, options);
    await fs.rm(dir, { recursive: true, force: true });
    return stored;
  }

  async abortUpload(_key: string, uploadId: string): Promise<void> {
    await fs.rm(this.uploadPath(uploadId), { recursive: true, force: true });
  }

  private uploadPath(uploadId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(uploadId)) throw new TypeError(`invalid upload id ${JSON.stringify(uploadId)}`);
    return join(this.root, 'incoming', 'uploads', uploadId);
  }

  async exists(key: string): Promise<boolean> {
    assertValidKey(key);
    try {
      await fs.access(this.objectPath(key), constants.F_OK);
      return true;
    } catch {
      return false;
    }
  }

  async head(key: string): Promise<StoredObjectHead | undefined> {
    assertValidKey(key);
    const stat = await fs.stat(this.objectPath(key)).catch(() => undefined);
    return stat?.isFile() ? { key, sizeBytes: stat.size } : undefined;
  }

  async *listKeys(prefix: string): AsyncIterable<string> {
    const objects = join(this.root, 'objects');
    const walk = async function* (dir: string, relative: string): AsyncIterable<string> {
      const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        const key = relative === '' ? entry.name : `${relative}/${entry.name}`;
        if (entry.isDirectory()) yield* walk(join(dir, entry.name), key);
        else if (key.startsWith(prefix)) yield key;
      }
    };
    yield* walk(objects, '');
  }

  async read(ref: ObjectRef): Promise<Readable> {
    assertValidKey(ref.key);
    const path = this.objectPath(ref.key);
    await fs.access(path, constants.R_OK);
    return createReadStream(path, { highWaterMark: 1024 * 1024 });
  }

  async readRange(ref: ObjectRef, range: ByteRange): Promise<Readable> {
    assertValidKey(ref.key);
    assertValidRange(range);
    const path = this.objectPath(ref.key);
    await fs.access(path, constants.R_OK);
    // `end` is inclusive in both createReadStream and HTTP.
    return createReadStream(path, { start: range.start, end: range.end, highWaterMark: 1024 * 1024 });
  }

  async retention(ref: ObjectRef): Promise<RetentionInfo> {
    assertValidKey(ref.key);
    const record = JSON.parse(await fs.readFile(this.retentionPath(ref.key), 'utf8')) as RetentionRecord;
    return { mode: record.mode, retainUntil: new Date(record.retainUntil) };
  }

  /** Where the bytes of a key live (tests check the file mode). */
  objectPath(key: string): string {
    return join(this.root, 'objects', key);
  }

  retentionPath(key: string): string {
    return join(this.root, 'retention', `${key}.json`);
  }
}
