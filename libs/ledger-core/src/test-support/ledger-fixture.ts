import { NoteSigner } from '../checkpoint/note-keys';
import { signCheckpoint } from '../checkpoint/signed-checkpoint';
import { MemoryMerkleTree } from '../merkle/memory-tree';
import { EvidenceBundle } from '../verify/evidence-bundle';
import { LedgerExport } from '../verify/ledger-export';
import { ORIGIN } from './keys';

/** An entry as the ledger would append it: the canonical bytes of one event. */
export function entryBytes(index: number, variant = ''): Buffer {
  return Buffer.from(JSON.stringify({ sequence: index, type: 'custody.EvidenceReceived', variant }), 'utf8');
}

export interface LedgerFixture {
  readonly entries: Buffer[];
  readonly tree: MemoryMerkleTree;
  readonly ledgerExport: LedgerExport;
  checkpointAt(size: number): string;
}

/** A ledger of `entries` (built with entryBytes unless given), checkpointed at `checkpointSizes`. */
export function buildLedger(options: {
  readonly signer: NoteSigner;
  readonly verifierKey: string;
  readonly entries: number | Buffer[];
  readonly checkpointSizes: readonly number[];
  readonly withLeafHashes?: boolean;
  readonly origin?: string;
}): LedgerFixture {
  const origin = options.origin ?? ORIGIN;
  const entries =
    typeof options.entries === 'number'
      ? Array.from({ length: options.entries }, (_, i) => entryBytes(i))
      : options.entries;
  const tree = new MemoryMerkleTree();
  entries.forEach((entry) => tree.append(entry));
  const checkpointAt = (size: number) => signCheckpoint({ origin, size, rootHash: tree.root(size) }, options.signer);
  return {
    entries,
    tree,
    checkpointAt,
    ledgerExport: {
      origin,
      publicKey: options.verifierKey,
      entries: entries.map((entry) => entry.toString('base64')),
      checkpoints: options.checkpointSizes.map(checkpointAt),
      ...(options.withLeafHashes ? { leafHashes: entries.map((_, i) => tree.leafHash(i).toString('base64')) } : {}),
    },
  };
}

/** An evidence bundle proving `indices` against the checkpoint at `size`. */
export function buildBundle(ledger: LedgerFixture, indices: readonly number[], size: number): EvidenceBundle {
  const { origin, publicKey } = ledger.ledgerExport;
  return {
    origin,
    publicKey,
    checkpoint: ledger.checkpointAt(size),
    items: indices.map((leafIndex) => {
      const proof = ledger.tree.inclusionProof(leafIndex, size);
      if (!proof.ok) throw new Error(proof.error.message);
      return {
        leafIndex,
        entry: ledger.entries[leafIndex].toString('base64'),
        inclusionProof: proof.value.map((hash) => hash.toString('base64')),
      };
    }),
  };
}
