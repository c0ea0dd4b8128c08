import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { ExportManifest, MANIFEST_PATH, ManifestFile, ManifestSigner, SIGNATURE_PATH } from './export-manifest';
import { TAR_END, tarHeader, tarPadding } from './tar';

/** A file to put in a package: its manifest entry (with the hash recorded at ingest) and its bytes. */
export interface PackageFile {
  readonly entry: ManifestFile;
  open(): Promise<Readable>;
}

/** The stored bytes of an original no longer match the hash recorded at ingest (R16.3). */
export class OriginalIntegrityError extends Error {
  readonly code = 'CUSTOS_STORAGE_ORIGINAL_INTEGRITY_FAILED';
  constructor(
    readonly segmentId: string,
    readonly problem: string,
  ) {
    super(`original ${segmentId} failed its integrity check: ${problem}`);
    this.name = 'OriginalIntegrityError';
  }
}

export interface PackageResult {
  readonly manifestSha256: string;
}

/**
 * When this many bytes of a file are left, the next file is opened: its request's round trip
 * to the store then overlaps the end of this file instead of stalling the package between
 * files, and an opened stream waits only briefly, holding at most its socket's buffers.
 */
export const OPEN_NEXT_WITHIN_BYTES = 4 * 1024 * 1024;

/**
 * The export package as one tar stream: each file, then manifest.json and its signature.
 * Every file is re-hashed on its way into the package and must match the hash recorded at
 * ingest, so a package never vouches for bytes that changed. One file is read at a time
 * (the next one is opened as the current one ends), with backpressure: memory does not grow
 * with the size of the footage.
 */
export function exportPackageStream(
  files: readonly PackageFile[],
  manifestWithout: Omit<ExportManifest, 'files'>,
  signer: ManifestSigner,
  result: { manifestSha256?: string },
): Readable {
  const mtime = new Date(manifestWithout.exportedAt);
  let next: Promise<Readable> | undefined;
  const openNext = (index: number): void => {
    if (next || index >= files.length) return;
    next = files[index].open();
    // Awaited when its turn comes; until then a failure to open must not go unhandled.
    next.catch(() => undefined);
  };
  async function* generate(): AsyncGenerator<Buffer> {
    for (let index = 0; index < files.length; index++) {
      const { entry } = files[index];
      openNext(index);
      const body = await next!;
      next = undefined;
      yield tarHeader(entry.path, entry.sizeBytes, mtime);
      const hash = createHash('sha256');
      let bytes = 0;
      for await (const chunk of body) {
        const buffer = chunk as Buffer;
        bytes += buffer.length;
        if (bytes > entry.sizeBytes) throw new OriginalIntegrityError(entry.segmentId, 'longer than recorded');
        if (entry.sizeBytes - bytes <= OPEN_NEXT_WITHIN_BYTES) openNext(index + 1);
        hash.update(buffer);
        yield buffer;
      }
      if (bytes !== entry.sizeBytes) throw new OriginalIntegrityError(entry.segmentId, 'shorter than recorded');
      if (hash.digest('hex') !== entry.sha256)
        throw new OriginalIntegrityError(entry.segmentId, 'SHA-256 differs from ingest');
      yield tarPadding(entry.sizeBytes);
    }
    const manifest: ExportManifest = { ...manifestWithout, files: files.map((f) => f.entry) };
    const { bytes, signature } = signer.sign(manifest);
    result.manifestSha256 = createHash('sha256').update(bytes).digest('hex');
    const signatureBytes = Buffer.from(JSON.stringify(signature));
    for (const [path, body] of [
      [MANIFEST_PATH, bytes],
      [SIGNATURE_PATH, signatureBytes],
    ] as const) {
      yield tarHeader(path, body.length, mtime);
      yield body;
      yield tarPadding(body.length);
    }
    yield TAR_END;
  }
  async function* closingOpened(): AsyncGenerator<Buffer> {
    try {
      yield* generate();
    } finally {
      // A failed or abandoned package leaves no opened stream behind.
      void next?.then(
        (stream) => stream.destroy(),
        () => undefined,
      );
    }
  }
  return Readable.from(closingOpened(), { objectMode: false, highWaterMark: 1024 * 1024 });
}
