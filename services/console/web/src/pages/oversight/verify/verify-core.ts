/**
 * The in-browser verification: the same pure core as custos-verify (libs/ledger-core, the
 * streamed export verifier and the bundle verifier), on bytes the person dropped on the page,
 * against the log key they pinned. No server is asked anything. Runs in a Web Worker.
 */
import './buffer-global';
import { Buffer } from 'buffer/';
import type { Divergence } from '../../../../../../../libs/ledger-core/src/verify/divergence';
import { bufferSource, JsonSyntaxError } from '../../../../../../../libs/ledger-core/src/verify/json-scan';
import { indexLedgerExport, planIndexedExport, verifyIndexedExport } from '../../../../../../../libs/ledger-core/src/verify/stream-export';
import { verifyEvidenceBundle } from '../../../../../../../libs/ledger-core/src/verify/verify-bundle';
import { browserLeafBatch } from './browser-leaf-batch';
import { withWebCryptoSignatures } from './node-crypto.browser';

export type Verdict =
  | {
      readonly status: 'ok';
      readonly kind: 'export';
      readonly origin: string;
      readonly entries: number;
      readonly checkpoints: number;
      readonly signedSize: number;
      readonly rootHex: string;
    }
  | {
      readonly status: 'ok';
      readonly kind: 'bundle';
      readonly origin: string;
      readonly treeSize: number;
      readonly rootHex: string;
      readonly leafIndices: readonly number[];
    }
  | { readonly status: 'failed'; readonly kind: 'export' | 'bundle'; readonly divergence: Divergence }
  /** Not an export or a bundle at all (not JSON, or neither shape). */
  | { readonly status: 'unreadable'; readonly message: string };

export interface VerifyRequest {
  readonly bytes: ArrayBuffer;
  /** The log's C2SP verifier key the auditor pinned; the file's own key must equal it. */
  readonly trustedPublicKey?: string;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Tells an export (`entries`) from a bundle (`items`) as custos-verify does, then verifies it.
 * The core's primitives are the browser's: leaves decoded and hashed in WebAssembly SIMD
 * (browser-leaf-batch.ts), signatures checked by WebCrypto (node-crypto.browser.ts).
 */
export async function verifyBytes(request: VerifyRequest): Promise<Verdict> {
  const bytes = Buffer.from(request.bytes);
  const options = request.trustedPublicKey ? { trustedPublicKey: request.trustedPublicKey } : {};
  // The core is typed against Node's Buffer; the `buffer` package's is the same API.
  const source = bufferSource(bytes as unknown as Parameters<typeof bufferSource>[0]);
  try {
    const index = indexLedgerExport(source);
    if (index !== undefined) {
      // The header's checks (the signatures among them) need no entries: their dry run lists the signatures.
      const result = await withWebCryptoSignatures(
        () => planIndexedExport(index, options),
        () => verifyIndexedExport(source, index, options, undefined, undefined, browserLeafBatch()),
      );
      if (!result.ok) return { status: 'failed', kind: 'export', divergence: result.error };
      const s = result.value;
      return {
        status: 'ok',
        kind: 'export',
        origin: s.origin,
        entries: s.entries,
        checkpoints: s.checkpoints,
        signedSize: s.signedSize,
        rootHex: hex(s.rootHash),
      };
    }
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { status: 'unreadable', message: error.message };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return { status: 'unreadable', message: (error as Error).message };
  }
  if (typeof json !== 'object' || json === null || !('items' in json)) {
    return { status: 'unreadable', message: 'neither a ledger export (entries) nor an evidence bundle (items)' };
  }
  const bundle = json;
  const result = await withWebCryptoSignatures(
    () => verifyEvidenceBundle(bundle, options),
    () => verifyEvidenceBundle(bundle, options),
  );
  if (!result.ok) return { status: 'failed', kind: 'bundle', divergence: result.error };
  return {
    status: 'ok',
    kind: 'bundle',
    origin: result.value.origin,
    treeSize: result.value.treeSize,
    rootHex: hex(result.value.rootHash),
    leafIndices: result.value.leafIndices,
  };
}
