/** The evidence bundle: a few ledger entries with proofs that a signed checkpoint includes them. */
import { NoteVerifier, parseVerifierKey } from '../checkpoint/note-keys';
import { decodeBase64Strict } from '../encoding/base64';
import { leafHash } from '../merkle/hashing';
import { err, ok, Result } from '../result';
import { Divergence } from './divergence';
import { isLeafIndex, isRecord, isStringArray } from './json-shape';

export interface EvidenceBundleItem {
  readonly leafIndex: number;
  /** Base64 of the exact entry bytes that were hashed into the log. */
  readonly entry: string;
  /** Base64 hashes, lowest sibling first (RFC 9162 §2.1.3). */
  readonly inclusionProof: readonly string[];
}

/** What the ledger service hands out with an export of evidence (JSON). */
export interface EvidenceBundle {
  readonly origin: string;
  /** The log's C2SP verifier key. */
  readonly publicKey: string;
  /** The signed checkpoint every proof is against. */
  readonly checkpoint: string;
  readonly items: readonly EvidenceBundleItem[];
}

export interface DecodedBundleItem {
  readonly leafIndex: number;
  readonly leafHash: Buffer;
  readonly proof: readonly Buffer[];
}

export interface DecodedEvidenceBundle {
  readonly origin: string;
  readonly publicKey: string;
  readonly verifier: NoteVerifier;
  readonly checkpoint: string;
  readonly items: readonly DecodedBundleItem[];
}

function malformed(message: string, itemIndex?: number): Result<never, Divergence> {
  return err({ code: 'BUNDLE_MALFORMED', message, ...(itemIndex === undefined ? {} : { itemIndex }) });
}

function decodeItem(item: unknown, k: number): Result<DecodedBundleItem, Divergence> {
  if (!isRecord(item)) return malformed(`item ${k} is not an object`, k);
  const { leafIndex, entry, inclusionProof } = item;
  if (!isLeafIndex(leafIndex)) return malformed(`item ${k}: leafIndex must be an integer ≥ 0`, k);
  const bytes = typeof entry === 'string' ? decodeBase64Strict(entry) : undefined;
  if (bytes === undefined) return malformed(`item ${k}: entry must be base64`, k);
  if (!isStringArray(inclusionProof))
    return malformed(`item ${k}: inclusionProof must be an array of base64 hashes`, k);
  const proof: Buffer[] = [];
  for (const element of inclusionProof) {
    const hash = decodeBase64Strict(element);
    if (hash === undefined) return malformed(`item ${k}: inclusionProof holds a non-base64 element`, k);
    proof.push(hash);
  }
  return ok({ leafIndex, leafHash: leafHash(bytes), proof });
}

export function decodeEvidenceBundle(json: unknown): Result<DecodedEvidenceBundle, Divergence> {
  if (!isRecord(json)) return malformed('an evidence bundle is a JSON object');
  const { origin, publicKey, checkpoint, items } = json;
  if (typeof origin !== 'string' || origin.length === 0) return malformed('origin must be a non-empty string');
  if (typeof publicKey !== 'string') return malformed('publicKey must be a verifier key string');
  if (typeof checkpoint !== 'string') return malformed('checkpoint must be a signed note');
  if (!Array.isArray(items) || items.length === 0) return malformed('items must be a non-empty array');
  const verifier = parseVerifierKey(publicKey);
  if (!verifier.ok) return err({ code: 'PUBLIC_KEY_MALFORMED', message: verifier.error.message });
  const decoded: DecodedBundleItem[] = [];
  for (let k = 0; k < items.length; k++) {
    const item = decodeItem(items[k], k);
    if (!item.ok) return item;
    decoded.push(item.value);
  }
  return ok({ origin, publicKey, verifier: verifier.value, checkpoint, items: decoded });
}
