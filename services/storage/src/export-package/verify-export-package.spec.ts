// @custos/contracts holds class-transformer @Type decorators, which need the metadata polyfill Nest loads.
import 'reflect-metadata';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { Readable } from 'node:stream';
import { ManifestSigner } from './export-manifest';
import { MANIFEST_HEADER, manifestFileOf } from './export-package.test-support';
import { exportPackageStream, OriginalIntegrityError, PackageFile } from './export-package.writer';
import { TAR_END, tarHeader, tarPadding } from './tar';
import { verifyExportPackage } from './verify-export-package';

const signer = new ManifestSigner(generateKeyPairSync('ed25519').privateKey);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function fileOf(segmentId: string, body: Buffer, recordedSha = sha(body)): PackageFile {
  return {
    entry: manifestFileOf(segmentId, body.length, recordedSha),
    open: async () => Readable.from([body.subarray(0, 3), body.subarray(3)]),
  };
}

async function packageOf(files: PackageFile[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of exportPackageStream(files, MANIFEST_HEADER, signer, {})) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const files = () => [fileOf('seg-a', Buffer.from('first segment bytes')), fileOf('seg-b', Buffer.alloc(1500, 9))];

describe('verifyExportPackage (R18.5)', () => {
  it('verifies a package: every file re-hashed, manifest signature checked', async () => {
    const result = await verifyExportPackage(Readable.from([await packageOf(files())]), signer.publicKey);
    expect(result).toMatchObject({ ok: true, problems: [] });
    expect(result.manifest?.files.map((f) => f.segmentId)).toEqual(['seg-a', 'seg-b']);
  });

  it('fails when one byte of footage changed', async () => {
    const bytes = await packageOf(files());
    bytes[512 + 2] ^= 0x01;
    const result = await verifyExportPackage(Readable.from([bytes]), signer.publicKey);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(['footage/cam-1/seg-a.mp4: SHA-256 differs from the manifest']);
  });

  it('fails when the manifest changed', async () => {
    const bytes = await packageOf(files());
    const at = bytes.indexOf('"codec":"h264"');
    bytes.write('"codec":"h265"', at);
    const result = await verifyExportPackage(Readable.from([bytes]), signer.publicKey);
    expect(result).toMatchObject({ ok: false, problems: [expect.stringMatching(/signature does not verify/)] });
  });

  it('fails with another key than the storage service key', async () => {
    const other = generateKeyPairSync('ed25519').publicKey;
    expect((await verifyExportPackage(Readable.from([await packageOf(files())]), other)).ok).toBe(false);
  });

  it('fails when a file was added that the manifest does not list', async () => {
    const bytes = await packageOf(files());
    const extra = Buffer.from('smuggled');
    const tampered = Buffer.concat([
      tarHeader('footage/cam-9/extra.mp4', extra.length, new Date()),
      extra,
      tarPadding(extra.length),
      bytes,
    ]);
    const result = await verifyExportPackage(Readable.from([tampered]), signer.publicKey);
    expect(result.problems).toEqual(['footage/cam-9/extra.mp4: in the package but not in the manifest']);
  });

  it('fails when a file was removed', async () => {
    const full = await packageOf(files());
    const firstEntry = 512 + 512;
    const result = await verifyExportPackage(Readable.from([full.subarray(firstEntry)]), signer.publicKey);
    expect(result.problems).toContain('footage/cam-1/seg-a.mp4: listed in the manifest but missing');
  });

  it('refuses to package an original whose bytes no longer match the ingest hash (R16.3)', async () => {
    const tampered = fileOf('seg-x', Buffer.from('changed'), sha(Buffer.from('original')));
    await expect(packageOf([tampered])).rejects.toBeInstanceOf(OriginalIntegrityError);
  });

  it('reads a package that is only an end marker as unsigned', async () => {
    const result = await verifyExportPackage(Readable.from([TAR_END]), signer.publicKey);
    expect(result).toMatchObject({ ok: false, problems: ['manifest.json missing'] });
  });
});
