import { createHash, Hash, KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import {
  ExportManifest,
  MANIFEST_PATH,
  ManifestSignature,
  manifestSignatureVerifies,
  SIGNATURE_PATH,
} from './export-manifest';
import { readTar } from './tar';

export interface ExportVerification {
  readonly ok: boolean;
  /** Every problem found; empty when the package verifies. */
  readonly problems: readonly string[];
  /** The manifest, once its signature verified. */
  readonly manifest?: ExportManifest;
}

const METADATA_LIMIT = 64 * 1024 * 1024;

/**
 * Checks an export package offline, reading it once as a stream: re-hashes every file, checks
 * the manifest's Ed25519 signature with the storage service's public key, and compares: every
 * file the manifest lists is present with its size and SHA-256, and nothing else is in the
 * package. A changed byte anywhere, or a changed manifest, fails.
 */
export async function verifyExportPackage(
  input: Readable | AsyncIterable<Buffer> | string,
  storagePublicKey: KeyObject,
): Promise<ExportVerification> {
  const stream = typeof input === 'string' ? createReadStream(input, { highWaterMark: 1024 * 1024 }) : input;
  const problems: string[] = [];
  const found = new Map<string, { size: number; sha256: string }>();
  const metadata = new Map<string, Buffer[]>();
  let current: { path: string; size: number; hash?: Hash; parts?: Buffer[] } | undefined;

  try {
    await readTar(stream as AsyncIterable<Buffer>, {
      entry: (header) => {
        if (header.type !== '0') problems.push(`${header.path}: not a regular file`);
        if (found.has(header.path) || metadata.has(header.path)) problems.push(`${header.path}: appears twice`);
        const isMetadata = header.path === MANIFEST_PATH || header.path === SIGNATURE_PATH;
        if (isMetadata && header.size > METADATA_LIMIT) throw new Error(`${header.path} is implausibly large`);
        current = {
          path: header.path,
          size: header.size,
          ...(isMetadata ? { parts: [] } : { hash: createHash('sha256') }),
        };
      },
      data: (chunk) => {
        if (current?.parts) current.parts.push(Buffer.from(chunk));
        else current?.hash?.update(chunk);
      },
      end: () => {
        if (!current) return;
        if (current.parts) metadata.set(current.path, current.parts);
        else found.set(current.path, { size: current.size, sha256: current.hash!.digest('hex') });
        current = undefined;
      },
    });
  } catch (error) {
    return { ok: false, problems: [...problems, `package unreadable: ${(error as Error).message}`] };
  }

  const manifestBytes = metadata.has(MANIFEST_PATH) ? Buffer.concat(metadata.get(MANIFEST_PATH)!) : undefined;
  const signatureBytes = metadata.has(SIGNATURE_PATH) ? Buffer.concat(metadata.get(SIGNATURE_PATH)!) : undefined;
  if (!manifestBytes) return { ok: false, problems: [...problems, `${MANIFEST_PATH} missing`] };
  if (!signatureBytes) return { ok: false, problems: [...problems, `${SIGNATURE_PATH} missing`] };

  let signature: ManifestSignature;
  let manifest: ExportManifest;
  try {
    signature = JSON.parse(signatureBytes.toString('utf8')) as ManifestSignature;
    manifest = JSON.parse(manifestBytes.toString('utf8')) as ExportManifest;
  } catch {
    return { ok: false, problems: [...problems, 'manifest or signature is not JSON'] };
  }
  if (!manifestSignatureVerifies(manifestBytes, signature, storagePublicKey)) {
    return { ok: false, problems: [...problems, 'manifest signature does not verify with the storage service key'] };
  }
  if (!Array.isArray(manifest.files)) return { ok: false, problems: [...problems, 'manifest lists no files'] };

  const listed = new Set<string>();
  for (const file of manifest.files) {
    listed.add(file.path);
    const actual = found.get(file.path);
    if (!actual) problems.push(`${file.path}: listed in the manifest but missing`);
    else if (actual.size !== file.sizeBytes)
      problems.push(`${file.path}: ${actual.size} bytes, manifest says ${file.sizeBytes}`);
    else if (actual.sha256 !== file.sha256) problems.push(`${file.path}: SHA-256 differs from the manifest`);
  }
  for (const path of found.keys()) {
    if (!listed.has(path)) problems.push(`${path}: in the package but not in the manifest`);
  }
  return { ok: problems.length === 0, problems, manifest };
}
