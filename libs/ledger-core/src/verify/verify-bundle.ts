/** Offline verification of an evidence bundle: each entry is in the log the checkpoint signs. */
import { verifyInclusion } from '../merkle/verify-proofs';
import { err, ok, Result } from '../result';
import { Divergence } from './divergence';
import { decodeEvidenceBundle } from './evidence-bundle';
import { openSourcedCheckpoint } from './open-checkpoints';
import { checkPinnedKey, VerifyOptions } from './trusted-key';

export interface EvidenceBundleSummary {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Buffer;
  /** Leaf indices proven, in bundle order. */
  readonly leafIndices: readonly number[];
}

/** Verifies the checkpoint's signature and every item's inclusion proof; reports the first failure. */
export function verifyEvidenceBundle(
  json: unknown,
  options: VerifyOptions = {},
): Result<EvidenceBundleSummary, Divergence> {
  const decoded = decodeEvidenceBundle(json);
  if (!decoded.ok) return decoded;
  const bundle = decoded.value;
  const pinned = checkPinnedKey(bundle.publicKey, options);
  if (!pinned.ok) return pinned;
  const checkpoint = openSourcedCheckpoint(bundle.checkpoint, bundle.verifier, bundle.origin, { checkpointIndex: 0 });
  if (!checkpoint.ok) return checkpoint;
  const { size, rootHash } = checkpoint.value;
  for (let k = 0; k < bundle.items.length; k++) {
    const { leafIndex, leafHash, proof } = bundle.items[k];
    if (!verifyInclusion(leafHash, leafIndex, size, proof, rootHash)) {
      const reason =
        leafIndex >= size ? `is beyond the checkpoint's size ${size}` : `is not proven in the tree of size ${size}`;
      return err({
        code: 'INCLUSION_PROOF_INVALID',
        message: `item ${k}: entry ${leafIndex} ${reason}`,
        itemIndex: k,
        entryIndex: leafIndex,
      });
    }
  }
  return ok({
    origin: bundle.origin,
    treeSize: size,
    rootHash,
    leafIndices: bundle.items.map((item) => item.leafIndex),
  });
}
