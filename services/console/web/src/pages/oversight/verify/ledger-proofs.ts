/**
 * The explorer's checks, in the browser, with custos-verify's core: a checkpoint's signature by
 * the pinned key, an entry's inclusion proof, a consistency proof between two checkpoints. The
 * ledger service supplies the data; whether it holds is decided here.
 */
import './buffer-global';
import { Buffer } from 'buffer/';
import { parseVerifierKey } from '../../../../../../../libs/ledger-core/src/checkpoint/note-keys';
import { openCheckpoint } from '../../../../../../../libs/ledger-core/src/checkpoint/signed-checkpoint';
import { hashesEqual, leafHash } from '../../../../../../../libs/ledger-core/src/merkle/hashing';
import { verifyConsistency, verifyInclusion } from '../../../../../../../libs/ledger-core/src/merkle/verify-proofs';

export interface OpenedCheckpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: string;
  readonly note: string;
}

const b64 = (text: string) => Buffer.from(text, 'base64');

/** The checkpoint the note signs, when the pinned key signed it for `origin`; else the reason. */
export function openSigned(note: string, publicKey: string, origin: string): OpenedCheckpoint | { error: string } {
  const verifier = parseVerifierKey(publicKey);
  if (!verifier.ok) return { error: verifier.error.message };
  const opened = openCheckpoint(note, verifier.value, origin);
  if (!opened.ok) return { error: `${opened.error.code}: ${opened.error.message}` };
  return { origin, size: opened.value.size, rootHash: Buffer.from(opened.value.rootHash).toString('base64'), note };
}

/** The entry hashes to its leaf hash, and the proof puts that leaf at `leafIndex` under `root`. */
export function inclusionHolds(
  item: { readonly entry: string; readonly leafHash: string; readonly leafIndex: number; readonly inclusionProof: readonly string[] },
  size: number,
  rootHash: string,
): boolean {
  const leaf = leafHash(b64(item.entry));
  return hashesEqual(leaf, b64(item.leafHash)) && verifyInclusion(leaf, item.leafIndex, size, item.inclusionProof.map(b64), b64(rootHash));
}

/** The tree of `from` (with its root) is a prefix of the tree of `to` (with its root). */
export function consistencyHolds(
  from: { readonly size: number; readonly rootHash: string },
  to: { readonly size: number; readonly rootHash: string },
  proof: readonly string[],
): boolean {
  return verifyConsistency(from.size, to.size, b64(from.rootHash), b64(to.rootHash), proof.map(b64));
}
