import { createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { canonicalBytes } from '@custos/contracts';
import { keyIdOf, MaskingRecord, RulePackRef, SignedApprovalDocument } from '@custos/domain';

export const EXPORT_FORMAT = 'custos-export/1';
export const MANIFEST_PATH = 'manifest.json';
export const SIGNATURE_PATH = 'manifest.sig.json';

export interface ManifestFile {
  /** Path inside the package. */
  readonly path: string;
  readonly segmentId: string;
  readonly cameraId: string;
  /** What the segment covers, [from, to). */
  readonly from: string;
  readonly to: string;
  /** The part of it inside the approved window (R3.1): the rest is context, not scope. */
  readonly withinScope: { readonly from: string; readonly to: string };
  readonly container: string;
  readonly codec: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  /**
   * For a segment straddling a bound of the window, the file is derived: only `withinScope`,
   * cut from the write-once original named here (R16.3, R3.1); `sizeBytes` and `sha256` are
   * then the derived file's.
   */
  readonly cut?: ManifestCut;
}

/**
 * STREAM_COPY: the original's packets untouched (the window starts and ends at keyframes or the
 * segment's end); EDGE_RE_ENCODED: whole GOPs copied, only the edge(s) between keyframes encoded
 * again; RE_ENCODED: the whole window encoded again (`reEncodedBecause` says why).
 */
export type CutMethod = 'STREAM_COPY' | 'EDGE_RE_ENCODED' | 'RE_ENCODED';

/** Seconds into the original segment, [fromSeconds, toSeconds). */
export interface CutSpan {
  readonly fromSeconds: number;
  readonly toSeconds: number;
}

export interface ManifestCut {
  readonly method: CutMethod;
  /** Seconds into the original segment: [start, end) was kept. */
  readonly startSeconds: number;
  readonly endSeconds: number;
  /** The original's frames kept (probed in the derived file too): how many, first and last. */
  readonly frames?: { readonly count: number; readonly firstSeconds: number; readonly lastSeconds: number };
  /** Keyframe to keyframe, taken as stored. */
  readonly streamCopied?: CutSpan;
  readonly reEncoded?: readonly CutSpan[];
  readonly reEncodedBecause?: string;
  readonly original: { readonly sha256: string; readonly sizeBytes: number; readonly versionId?: string; readonly container: string; readonly codec: string };
}

/** A segment straddling a bound that could not be cut: left out whole, never widened (R3.1). */
export interface ManifestUncut {
  readonly segmentId: string;
  readonly cameraId: string;
  readonly from: string;
  readonly to: string;
  readonly withinScope: { readonly from: string; readonly to: string };
  readonly reason: string;
}

/**
 * What an export package contains and on whose authority (R18.5): every file with its SHA-256,
 * the approval document (number and the whole signed document, so a recipient can check it
 * offline), the exported scope and the time of export. Signed by the storage service.
 */
export interface ExportManifest {
  readonly format: typeof EXPORT_FORMAT;
  readonly exportId: string;
  readonly exportedAt: string;
  readonly exportedBy: { readonly subject: string; readonly organisationId: string };
  readonly approvalDocumentNumber: string;
  readonly approval: SignedApprovalDocument;
  readonly scope: {
    readonly cameraIds: readonly string[];
    readonly window: { readonly from: string; readonly to: string };
  };
  readonly files: readonly ManifestFile[];
  /** Segments left out because they straddle a bound and could not be cut (absent when none). */
  readonly notCut?: readonly ManifestUncut[];
  /**
   * A release for public dissemination (CN2025-PUBLISH): no footage file is in the package;
   * `sources` names the originals by hash and `masking` the masked file to be published by its
   * hash, who masked it and when. Absent on evidence exports.
   */
  readonly purpose?: 'PUBLICATION';
  readonly masking?: MaskingRecord;
  readonly sources?: readonly ManifestSource[];
  /** The rule pack the export was made under (issue 21). */
  readonly rulePack?: RulePackRef;
}

/** An original a publication was masked from, named by hash only (its bytes stay in storage). */
export interface ManifestSource {
  readonly segmentId: string;
  readonly cameraId: string;
  readonly from: string;
  readonly to: string;
  readonly sha256: string;
}

/** The detached signature stored beside the manifest in the package. */
export interface ManifestSignature {
  readonly algorithm: 'Ed25519';
  /** Hex SHA-256 of the signer's SPKI public key. */
  readonly keyId: string;
  /** Base64 Ed25519 signature over the exact bytes of manifest.json. */
  readonly signature: string;
}

/** The storage service's export signing key (Ed25519). */
export class ManifestSigner {
  readonly keyId: string;
  readonly publicKey: KeyObject;

  constructor(private readonly privateKey: KeyObject) {
    if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
      throw new TypeError('the export signing key must be an Ed25519 private key');
    }
    this.publicKey = createPublicKey(privateKey);
    this.keyId = keyIdOf(this.publicKey);
  }

  /** The manifest's bytes (RFC 8785 canonical JSON) and their signature. */
  sign(manifest: ExportManifest): { bytes: Buffer; signature: ManifestSignature } {
    const bytes = Buffer.from(canonicalBytes(manifest));
    return {
      bytes,
      signature: {
        algorithm: 'Ed25519',
        keyId: this.keyId,
        signature: sign(null, bytes, this.privateKey).toString('base64'),
      },
    };
  }
}

export function manifestSignatureVerifies(bytes: Buffer, signature: ManifestSignature, publicKey: KeyObject): boolean {
  if (signature?.algorithm !== 'Ed25519' || signature.keyId !== keyIdOf(publicKey)) return false;
  try {
    return verify(null, bytes, publicKey, Buffer.from(signature.signature, 'base64'));
  } catch {
    return false;
  }
}
