import { signCheckpoint } from '../checkpoint/signed-checkpoint';
import { ORIGIN, testKeys } from '../test-support/keys';
import { buildBundle, buildLedger, entryBytes } from '../test-support/ledger-fixture';
import { EvidenceBundle } from './evidence-bundle';
import { verifyEvidenceBundle } from './verify-bundle';

const log = testKeys();
const forger = testKeys();
const ledger = buildLedger({ ...log, entries: 37, checkpointSizes: [37] });
const bundle = buildBundle(ledger, [0, 5, 36], 37);

function withItem(base: EvidenceBundle, k: number, change: Partial<EvidenceBundle['items'][number]>): EvidenceBundle {
  return { ...base, items: base.items.map((item, i) => (i === k ? { ...item, ...change } : item)) };
}

describe('verifyEvidenceBundle', () => {
  it('accepts entries proven in the signed checkpoint', () => {
    expect(verifyEvidenceBundle(bundle)).toEqual({
      ok: true,
      value: { origin: ORIGIN, treeSize: 37, rootHash: ledger.tree.root(), leafIndices: [0, 5, 36] },
    });
  });

  it('names the item whose entry was altered', () => {
    const tampered = withItem(bundle, 1, { entry: entryBytes(5, 'altered').toString('base64') });
    expect(verifyEvidenceBundle(tampered)).toMatchObject({
      ok: false,
      error: { code: 'INCLUSION_PROOF_INVALID', itemIndex: 1, entryIndex: 5 },
    });
  });

  it('refuses an item claimed at another leaf index or beyond the checkpoint', () => {
    expect(verifyEvidenceBundle(withItem(bundle, 2, { leafIndex: 35 }))).toMatchObject({
      ok: false,
      error: { code: 'INCLUSION_PROOF_INVALID', itemIndex: 2 },
    });
    const beyond = verifyEvidenceBundle(withItem(bundle, 2, { leafIndex: 37 }));
    expect(!beyond.ok && beyond.error.message).toContain('beyond');
  });

  it('refuses a proof with an element dropped', () => {
    const shortened = withItem(bundle, 0, { inclusionProof: bundle.items[0].inclusionProof.slice(1) });
    expect(verifyEvidenceBundle(shortened)).toMatchObject({ ok: false, error: { code: 'INCLUSION_PROOF_INVALID' } });
  });

  it('refuses a checkpoint not signed by the bundle key', () => {
    const forged = signCheckpoint({ origin: ORIGIN, size: 37, rootHash: ledger.tree.root() }, forger.signer);
    expect(verifyEvidenceBundle({ ...bundle, checkpoint: forged })).toMatchObject({
      ok: false,
      error: { code: 'CHECKPOINT_SIGNATURE_INVALID' },
    });
  });

  it('refuses a bundle for another key when the auditor pins the log key', () => {
    expect(
      verifyEvidenceBundle({ ...bundle, publicKey: forger.verifierKey }, { trustedPublicKey: log.verifierKey }),
    ).toMatchObject({
      ok: false,
      error: { code: 'PUBLIC_KEY_NOT_TRUSTED' },
    });
  });

  it.each([
    ['no items', { ...bundle, items: [] }],
    ['a negative leaf index', withItem(bundle, 0, { leafIndex: -1 })],
    ['an entry that is not base64', withItem(bundle, 0, { entry: 'not base64!' })],
    ['a proof that is not an array', withItem(bundle, 0, { inclusionProof: 'x' as unknown as string[] })],
    ['no checkpoint', { ...bundle, checkpoint: undefined }],
  ])('refuses a bundle with %s as malformed', (_label, json) => {
    expect(verifyEvidenceBundle(json)).toMatchObject({ ok: false, error: { code: 'BUNDLE_MALFORMED' } });
  });
});
