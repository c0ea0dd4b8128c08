import { EMPTY_ROOT } from '../merkle/hashing';
import { signCheckpoint } from '../checkpoint/signed-checkpoint';
import { ORIGIN, testKeys } from '../test-support/keys';
import { buildLedger, entryBytes } from '../test-support/ledger-fixture';
import { LedgerExport } from './ledger-export';
import { verifyAgainstTrustedCheckpoint, verifyLedgerExport } from './verify-export';

const log = testKeys();
const forger = testKeys();
const SIZES = [0, 10, 20, 30, 40, 50, 60];

function honest(withLeafHashes = false) {
  return buildLedger({ ...log, entries: 64, checkpointSizes: SIZES, withLeafHashes });
}

function withEntry(ledgerExport: LedgerExport, index: number, entry: Buffer): LedgerExport {
  const entries = [...ledgerExport.entries];
  entries[index] = entry.toString('base64');
  return { ...ledgerExport, entries };
}

describe('verifyLedgerExport', () => {
  it('accepts an honest export and summarises what it proved', () => {
    const ledger = honest();
    expect(verifyLedgerExport(ledger.ledgerExport)).toEqual({
      ok: true,
      value: { origin: ORIGIN, entries: 64, rootHash: ledger.tree.root(), checkpoints: 7, signedSize: 60 },
    });
  });

  it('accepts an empty log with its size-0 checkpoint', () => {
    const ledgerExport = buildLedger({ ...log, entries: 0, checkpointSizes: [0] }).ledgerExport;
    expect(verifyLedgerExport(ledgerExport)).toMatchObject({ ok: true, value: { entries: 0, rootHash: EMPTY_ROOT } });
  });

  it('names the exact entry changed after it was appended, when leaf hashes were recorded', () => {
    const tampered = withEntry(honest(true).ledgerExport, 41, entryBytes(41, 'altered'));
    expect(verifyLedgerExport(tampered)).toMatchObject({
      ok: false,
      error: { code: 'LEDGER_ENTRY_MISMATCH', entryIndex: 41 },
    });
  });

  it('narrows a changed entry to the interval since the last matching checkpoint otherwise', () => {
    const tampered = withEntry(honest().ledgerExport, 41, entryBytes(41, 'altered'));
    const result = verifyLedgerExport(tampered);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CHECKPOINT_ROOT_MISMATCH', checkpointIndex: 5, entryRange: { from: 40, to: 50 } },
    });
    expect(!result.ok && result.error.message).toContain('entries 40..49');
  });

  it('finds a change in the unsigned tail only through recorded leaf hashes', () => {
    const tampered = withEntry(honest(true).ledgerExport, 62, entryBytes(62, 'altered'));
    expect(verifyLedgerExport(tampered)).toMatchObject({ ok: false, error: { entryIndex: 62 } });
    expect(verifyLedgerExport({ ...tampered, leafHashes: undefined })).toMatchObject({ ok: true });
  });

  it('refuses a checkpoint not signed by the log key', () => {
    const ledger = honest();
    const checkpoints = [...ledger.ledgerExport.checkpoints];
    checkpoints[3] = signCheckpoint({ origin: ORIGIN, size: 30, rootHash: ledger.tree.root(30) }, forger.signer);
    expect(verifyLedgerExport({ ...ledger.ledgerExport, checkpoints })).toMatchObject({
      ok: false,
      error: { code: 'CHECKPOINT_SIGNATURE_INVALID', checkpointIndex: 3 },
    });
  });

  it('refuses a checkpoint whose signed text was edited', () => {
    const ledger = honest();
    const checkpoints = [...ledger.ledgerExport.checkpoints];
    checkpoints[2] = checkpoints[2].replace('\n20\n', '\n21\n');
    expect(verifyLedgerExport({ ...ledger.ledgerExport, checkpoints })).toMatchObject({
      ok: false,
      error: { code: 'CHECKPOINT_SIGNATURE_INVALID', checkpointIndex: 2 },
    });
  });

  it('refuses a checkpoint of another origin, even signed by the log key', () => {
    const ledger = honest();
    const other = signCheckpoint({ origin: 'other/log', size: 10, rootHash: ledger.tree.root(10) }, log.signer);
    expect(verifyLedgerExport({ ...ledger.ledgerExport, checkpoints: [other] })).toMatchObject({
      ok: false,
      error: { code: 'CHECKPOINT_ORIGIN_MISMATCH', checkpointIndex: 0 },
    });
  });

  it('detects entries removed from the end of the log', () => {
    const ledger = honest();
    const truncated = { ...ledger.ledgerExport, entries: ledger.ledgerExport.entries.slice(0, 55) };
    expect(verifyLedgerExport(truncated)).toMatchObject({
      ok: false,
      error: { code: 'TREE_SIZE_EXCEEDS_ENTRIES', checkpointIndex: 6, entryRange: { from: 55, to: 60 } },
    });
  });

  it('detects signed checkpoints that shrink or fork', () => {
    const ledger = honest();
    const shrinking = [ledger.checkpointAt(30), ledger.checkpointAt(20)];
    expect(verifyLedgerExport({ ...ledger.ledgerExport, checkpoints: shrinking })).toMatchObject({
      ok: false,
      error: { code: 'CHECKPOINT_INCONSISTENT', checkpointIndex: 1 },
    });
    const fork = signCheckpoint({ origin: ORIGIN, size: 30, rootHash: ledger.tree.root(31) }, log.signer);
    expect(verifyLedgerExport({ ...ledger.ledgerExport, checkpoints: [ledger.checkpointAt(30), fork] })).toMatchObject({
      ok: false,
      error: { code: 'CHECKPOINT_INCONSISTENT', checkpointIndex: 1 },
    });
  });

  it('refuses an export without any signed checkpoint', () => {
    expect(verifyLedgerExport({ ...honest().ledgerExport, checkpoints: [] })).toMatchObject({
      ok: false,
      error: { code: 'CHECKPOINT_MISSING' },
    });
  });

  it.each([
    ['not an object', []],
    ['no origin', { publicKey: log.verifierKey, entries: [], checkpoints: [] }],
    ['entries that are not base64', { origin: ORIGIN, publicKey: log.verifierKey, entries: ['%%'], checkpoints: [] }],
    ['checkpoints that are not strings', { origin: ORIGIN, publicKey: log.verifierKey, entries: [], checkpoints: [1] }],
    [
      'leaf hashes of another count',
      { origin: ORIGIN, publicKey: log.verifierKey, entries: ['AA=='], checkpoints: [], leafHashes: [] },
    ],
  ])('refuses an export with %s as malformed', (_label, json) => {
    expect(verifyLedgerExport(json)).toMatchObject({ ok: false, error: { code: 'EXPORT_MALFORMED' } });
  });

  it('refuses an export whose key is not a verifier key', () => {
    expect(verifyLedgerExport({ ...honest().ledgerExport, publicKey: 'nonsense' })).toMatchObject({
      ok: false,
      error: { code: 'PUBLIC_KEY_MALFORMED' },
    });
  });

  it('refuses a consistently re-signed forgery when the auditor pins the log key', () => {
    const forged = buildLedger({ ...forger, entries: 64, checkpointSizes: SIZES }).ledgerExport;
    expect(verifyLedgerExport(forged).ok).toBe(true);
    expect(verifyLedgerExport(forged, { trustedPublicKey: log.verifierKey })).toMatchObject({
      ok: false,
      error: { code: 'PUBLIC_KEY_NOT_TRUSTED' },
    });
    expect(verifyLedgerExport(honest().ledgerExport, { trustedPublicKey: log.verifierKey }).ok).toBe(true);
  });
});

describe('verifyAgainstTrustedCheckpoint', () => {
  const ledger = honest();
  const trusted = ledger.checkpointAt(45);

  it('accepts an export that extends the checkpoint the auditor saved', () => {
    expect(verifyAgainstTrustedCheckpoint(ledger.ledgerExport, trusted)).toMatchObject({
      ok: true,
      value: { trustedSize: 45, signedSize: 60 },
    });
  });

  it('detects history truncated, re-appended and re-signed with the log key', () => {
    const rewrittenEntries = ledger.entries.map((entry, i) => (i === 41 ? entryBytes(41, 'rewritten') : entry));
    const rewritten = buildLedger({ ...log, entries: rewrittenEntries, checkpointSizes: SIZES }).ledgerExport;
    expect(verifyLedgerExport(rewritten).ok).toBe(true);
    const result = verifyAgainstTrustedCheckpoint(rewritten, trusted);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CHECKPOINT_INCONSISTENT', trustedCheckpoint: true, entryRange: { from: 40, to: 45 } },
    });
  });

  it('detects a re-signed export that is shorter than the trusted checkpoint', () => {
    const shorter = buildLedger({ ...log, entries: ledger.entries.slice(0, 42), checkpointSizes: [0, 10, 40] });
    expect(verifyAgainstTrustedCheckpoint(shorter.ledgerExport, trusted)).toMatchObject({
      ok: false,
      error: { code: 'TREE_SIZE_EXCEEDS_ENTRIES', trustedCheckpoint: true },
    });
  });

  it('detects an export re-keyed since the auditor saved the checkpoint', () => {
    const rekeyed = buildLedger({ ...forger, entries: ledger.entries, checkpointSizes: SIZES }).ledgerExport;
    expect(verifyAgainstTrustedCheckpoint(rekeyed, trusted)).toMatchObject({
      ok: false,
      error: { code: 'CHECKPOINT_SIGNATURE_INVALID', trustedCheckpoint: true },
    });
  });

  it('detects a published checkpoint that contradicts the trusted one at the same size', () => {
    const contradicting = signCheckpoint({ origin: ORIGIN, size: 45, rootHash: ledger.tree.root(46) }, log.signer);
    const result = verifyAgainstTrustedCheckpoint(ledger.ledgerExport, contradicting);
    expect(result).toMatchObject({ ok: false, error: { code: 'CHECKPOINT_INCONSISTENT', trustedCheckpoint: true } });
  });
});
