import * as ledgerCore from '@custos/ledger-core';

describe('@custos/ledger-core public API', () => {
  it('exports the tree, proof, checkpoint and verification functions through the path alias', () => {
    const names = [
      'leafHash',
      'nodeHash',
      'rootFromLeafHashes',
      'inclusionProof',
      'consistencyProof',
      'verifyInclusion',
      'verifyConsistency',
      'MemoryMerkleTree',
      'CompactRange',
      'formatCheckpoint',
      'parseCheckpoint',
      'signNote',
      'verifyNote',
      'generateNoteKeys',
      'verifyLedgerExport',
      'verifyAgainstTrustedCheckpoint',
      'verifyEvidenceBundle',
    ] as const;
    for (const name of names) expect(typeof ledgerCore[name]).toBe('function');
  });
});
