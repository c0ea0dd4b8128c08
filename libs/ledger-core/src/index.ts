/**
 * @custos/ledger-core — the audit ledger's pure core (ARCHITECTURE.md "The audit ledger"):
 * RFC 9162 Merkle hashing and proofs, C2SP checkpoints and signed notes, and the offline
 * verification of ledger exports and evidence bundles. No I/O outside `cli/`.
 */
export { err, ok } from './result';
export type { Result } from './result';

export { EMPTY_ROOT, HASH_SIZE, hashesEqual, leafHash, nodeHash } from './merkle/hashing';
export { leafHashesReader } from './merkle/hash-reader';
export type { HashReader } from './merkle/hash-reader';
export type { ProofError, ProofErrorCode } from './merkle/proof-error';
export { assembleProof } from './merkle/tree-shape';
export type { NodeId, ProofPlan } from './merkle/tree-shape';
export {
  consistencyProof,
  consistencyProofPlan,
  inclusionProof,
  inclusionProofPlan,
  readPlan,
  rootFromLeafHashes,
  rootFromReader,
  rootPlan,
} from './merkle/proofs';
export type { ProofSource } from './merkle/proofs';
export { verifyConsistency, verifyInclusion } from './merkle/verify-proofs';
export { CompactRange } from './merkle/compact-range';
export type { CompletedNode } from './merkle/compact-range';
export { MemoryMerkleTree } from './merkle/memory-tree';

export { formatCheckpoint, parseCheckpoint } from './checkpoint/checkpoint';
export type { Checkpoint, CheckpointError } from './checkpoint/checkpoint';
export {
  encodeVerifierKey,
  generateNoteKeys,
  isValidKeyName,
  noteKeyId,
  parseSignerKey,
  parseVerifierKey,
} from './checkpoint/note-keys';
export type { KeyError, NoteSigner, NoteVerifier } from './checkpoint/note-keys';
export { signNote, verifyNote } from './checkpoint/signed-note';
export type { NoteError, NoteErrorCode, NoteSignature, VerifiedNote } from './checkpoint/signed-note';
export { openCheckpoint, signCheckpoint } from './checkpoint/signed-checkpoint';
export type { CheckpointOpenError, CheckpointOpenErrorCode } from './checkpoint/signed-checkpoint';

export type { Divergence, DivergenceCode, EntryRange } from './verify/divergence';
export { decodeLedgerExport } from './verify/ledger-export';
export type { DecodedLedgerExport, LedgerExport } from './verify/ledger-export';
export { decodeEvidenceBundle } from './verify/evidence-bundle';
export type {
  DecodedBundleItem,
  DecodedEvidenceBundle,
  EvidenceBundle,
  EvidenceBundleItem,
} from './verify/evidence-bundle';
export type { VerifyOptions } from './verify/trusted-key';
export { verifyAgainstTrustedCheckpoint, verifyLedgerExport } from './verify/verify-export';
export type { LedgerExportSummary } from './verify/verify-export';
export { bufferSource, JsonSyntaxError } from './verify/json-scan';
export type { ByteSource } from './verify/json-scan';
export { indexLedgerExport, verifyIndexedExport } from './verify/stream-export';
export { nodeLeafBatch } from './verify/leaf-batch';
export type { LeafBatch } from './verify/leaf-batch';
export type { ExportIndex } from './verify/stream-export';
export { verifyEvidenceBundle } from './verify/verify-bundle';
export type { EvidenceBundleSummary } from './verify/verify-bundle';

export {
  bundlePath,
  encodeTileIndex,
  MAX_TILE_LEVEL,
  parseTilePath,
  TILE_HEIGHT,
  TILE_WIDTH,
  tilePath,
} from './tiles/tile-path';
export type { BundleId, TileId, TilePathError, TileResource } from './tiles/tile-path';
export {
  bundleMatchesTile,
  bundleWidthAt,
  consistencyProofFromTiles,
  decodeEntryBundle,
  encodeEntryBundle,
  inclusionProofFromTiles,
  MAX_BUNDLE_ENTRY,
  rootFromTiles,
  tileBytes,
  tileHashReader,
  tileKey,
  tileOfNode,
  tilesForPlan,
  tilesOfTree,
  tileWidthAt,
} from './tiles/tiles';
export type { BundleError, ReadTile } from './tiles/tiles';
