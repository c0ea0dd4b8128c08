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
 * The export package as one tar stream: each file, then manifest.json and its signature.
 * Every file is re-hashed on its way into the package and must match the hash recorded at
 * ingest, so a package never vouches for bytes that changed. One file is read at a time,
 * with backpressure: memory does not grow with the size of the footage.
 */
export function exportPackageStream(
  files: readonly PackageFile[],
  manifestWithout: Omit<ExportManifest, 'files'>,
  signer: ManifestSigner,
  result: { manifestSha256?: string },
): Readable {
  const mtime = new Date(manifestWithout.exportedAt);
  async function* generate(): AsyncGenerator<Buffer> {
    for (const file of files) {
      const { entry } = file;
      yield tarHeader(entry.path, entry.sizeBytes, mtime);
      const hash = createHash('sha256');
      let bytes = 0;
      for await (const chunk of await file.open()) {
        const buffer = chunk as Buffer;
        bytes += buffer.length;
        if (bytes > entry.sizeBytes) throw new OriginalIntegrityError(entry.segmentId, 'longer than recorded');
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
  return Readable.from(generate(), { objectMode: false, highWaterMark: 1024 * 1024 });
}
