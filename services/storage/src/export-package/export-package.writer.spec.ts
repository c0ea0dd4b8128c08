// @custos/contracts holds class-transformer @Type decorators, which need the metadata polyfill Nest loads.
import 'reflect-metadata';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { Readable } from 'node:stream';
import { ManifestSigner } from './export-manifest';
import { MANIFEST_HEADER, manifestFileOf } from './export-package.test-support';
import {
  exportPackageStream,
  OPEN_NEXT_WITHIN_BYTES,
  OriginalIntegrityError,
  PackageFile,
} from './export-package.writer';
import { verifyExportPackage } from './verify-export-package';

const signer = new ManifestSigner(generateKeyPairSync('ed25519').privateKey);
const MIB = 1024 * 1024;

/** A file served in 1 MiB chunks that logs when it is opened and how far it has been read. */
function loggedFile(
  segmentId: string,
  size: number,
  log: string[],
  recordedSha?: string,
): PackageFile & { stream?: Readable } {
  const body = Buffer.alloc(size, segmentId.length);
  const file: PackageFile & { stream?: Readable } = {
    entry: manifestFileOf(segmentId, size, recordedSha ?? createHash('sha256').update(body).digest('hex')),
    open: async () => {
      log.push(`open ${segmentId}`);
      let sent = 0;
      file.stream = new Readable({
        highWaterMark: 1,
        read() {
          if (sent >= size) return void this.push(null);
          const chunk = body.subarray(sent, sent + MIB);
          sent += chunk.length;
          log.push(`${segmentId} ${sent / MIB} MiB`);
          this.push(chunk);
        },
      });
      return file.stream;
    },
  };
  return file;
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('exportPackageStream', () => {
  it('opens the next file as the current one nears its end, not before, and still writes a verifiable package (R18.5)', async () => {
    const log: string[] = [];
    const a = loggedFile('seg-a', 10 * MIB, log);
    const b = loggedFile('seg-bb', 2 * MIB, log);
    const bytes = await bytesOf(exportPackageStream([a, b], MANIFEST_HEADER, signer, {}));

    const openedB = log.indexOf('open seg-bb');
    const readOfA = log.slice(0, openedB).filter((l) => l.startsWith('seg-a ')).length;
    // Opened once at most OPEN_NEXT_WITHIN_BYTES of seg-a were left, and before seg-a was done.
    expect(readOfA * MIB).toBeGreaterThanOrEqual(10 * MIB - OPEN_NEXT_WITHIN_BYTES);
    expect(readOfA).toBeLessThan(10);
    expect(await verifyExportPackage(Readable.from([bytes]), signer.publicKey)).toMatchObject({
      ok: true,
      problems: [],
    });
  });

  it('closes the already opened next file when the current one fails its integrity check (R16.3)', async () => {
    const log: string[] = [];
    const a = loggedFile('seg-a', 6 * MIB, log, 'f'.repeat(64));
    const b = loggedFile('seg-bb', 2 * MIB, log);
    await expect(bytesOf(exportPackageStream([a, b], MANIFEST_HEADER, signer, {}))).rejects.toBeInstanceOf(
      OriginalIntegrityError,
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toContain('open seg-bb');
    expect(b.stream?.destroyed).toBe(true);
  });
});
