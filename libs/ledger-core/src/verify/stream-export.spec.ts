import { signCheckpoint } from '../checkpoint/signed-checkpoint';
import { ORIGIN, testKeys } from '../test-support/keys';
import { buildLedger, entryBytes } from '../test-support/ledger-fixture';
import { bufferSource, JsonSyntaxError } from './json-scan';
import { indexLedgerExport, verifyIndexedExport } from './stream-export';
import { verifyAgainstTrustedCheckpoint, verifyLedgerExport } from './verify-export';

const log = testKeys();
const forger = testKeys();
const SIZES = [0, 10, 20, 30, 40, 50, 60];
const ledger = buildLedger({ ...log, entries: 64, checkpointSizes: SIZES, withLeafHashes: true });
const base = ledger.ledgerExport;
const trusted = ledger.checkpointAt(45);

function streamed(text: string, trustedNote?: string, windowBytes?: number) {
  const source = bufferSource(Buffer.from(text, 'utf8'));
  const index = indexLedgerExport(source, windowBytes);
  if (index === undefined) throw new Error('not indexed as an export');
  return verifyIndexedExport(source, index, { trustedPublicKey: undefined }, trustedNote, windowBytes);
}

const withEntries = (change: (entries: string[]) => void, leafHashes = true) => {
  const entries = [...base.entries];
  change(entries);
  return { ...base, entries, ...(leafHashes ? {} : { leafHashes: undefined }) };
};
const withHashes = (change: (hashes: string[]) => void) => {
  const leafHashes = [...(base.leafHashes as string[])];
  change(leafHashes);
  return { ...base, leafHashes };
};

/** Exports the in-memory verifier judges in every way it can: the streamed one must agree exactly. */
const CASES: Array<[string, unknown]> = [
  ['honest, with leaf hashes', base],
  ['honest, without leaf hashes', { ...base, leafHashes: undefined }],
  ['an empty log', buildLedger({ ...log, entries: 0, checkpointSizes: [0] }).ledgerExport],
  ['a changed entry', withEntries((e) => (e[41] = entryBytes(41, 'x').toString('base64')))],
  ['a changed entry, no leaf hashes', withEntries((e) => (e[41] = entryBytes(41, 'x').toString('base64')), false)],
  ['a changed unsigned tail', withEntries((e) => (e[62] = entryBytes(62, 'x').toString('base64')))],
  ['swapped entries', withEntries((e) => ([e[5], e[12]] = [e[12], e[5]]))],
  ['an entry that is not base64', withEntries((e) => (e[30] = '%%'))],
  ['an entry in URL-safe base64', withEntries((e) => (e[30] = e[30].replace(/\+/g, '-').replace(/\//g, '_') + '-_'))],
  ['an unpadded entry', withEntries((e) => (e[3] = e[3].replace(/=+$/, '')))],
  ['a malformed leaf hash', withHashes((h) => (h[20] = 'AA=='))],
  [
    'a malformed leaf hash and a malformed later entry',
    { ...withHashes((h) => (h[2] = '!')), entries: withEntries((e) => (e[50] = '*')).entries },
  ],
  [
    'a malformed leaf hash after a changed entry',
    {
      ...withHashes((h) => (h[50] = '!')),
      entries: withEntries((e) => (e[41] = entryBytes(41, 'x').toString('base64'))).entries,
    },
  ],
  ['a wrong leaf hash', withHashes((h) => (h[9] = h[10]))],
  [
    'a forged signature',
    {
      ...base,
      checkpoints: base.checkpoints.map((c, i) =>
        i === 3 ? signCheckpoint({ origin: ORIGIN, size: 30, rootHash: ledger.tree.root(30) }, forger.signer) : c,
      ),
    },
  ],
  [
    'a forged signature and a malformed entry',
    {
      ...withEntries((e) => (e[63] = '?')),
      checkpoints: [signCheckpoint({ origin: ORIGIN, size: 30, rootHash: ledger.tree.root(30) }, forger.signer)],
    },
  ],
  ['entries removed from the end', { ...base, entries: base.entries.slice(0, 55), leafHashes: undefined }],
  ['no checkpoint', { ...base, checkpoints: [] }],
  ['shrinking checkpoints', { ...base, checkpoints: [ledger.checkpointAt(30), ledger.checkpointAt(20)] }],
  ['no origin', { ...base, origin: undefined }],
  ['an empty origin', { ...base, origin: '' }],
  ['a number for a key', { ...base, publicKey: 7 }],
  ['a malformed key', { ...base, publicKey: 'nonsense' }],
  ['checkpoints that are not strings', { ...base, checkpoints: [1] }],
  ['an entry that is not a string', withEntries((e) => ((e as unknown[])[4] = 4))],
  ['leaf hashes of another count', { ...base, leafHashes: [] }],
  ['leaf hashes that are null', { ...base, leafHashes: null }],
  ['re-signed by another key', buildLedger({ ...forger, entries: 64, checkpointSizes: SIZES }).ledgerExport],
];

describe('the streamed ledger-export verifier', () => {
  it.each(CASES)('agrees with verifyLedgerExport on %s', (_label, json) => {
    const text = JSON.stringify(json);
    expect(streamed(text)).toEqual(verifyLedgerExport(JSON.parse(text)));
  });

  it.each(CASES)('agrees against a trusted checkpoint on %s', (_label, json) => {
    const text = JSON.stringify(json);
    expect(streamed(text, trusted)).toEqual(verifyAgainstTrustedCheckpoint(JSON.parse(text), trusted));
  });

  it('reads through windows far smaller than one entry, with any spacing, key order and escapes', () => {
    const escaped = JSON.stringify(base.entries[7]).replace('A', '\\u0041');
    const text = `\n{ "leafHashes" : ${JSON.stringify(base.leafHashes, null, 1)},\t"extra": {"a": [1, 2.5e3, true, null, {"b": "\\n"}]},
      "entries": [ ${base.entries.map((e, i) => (i === 7 ? escaped : JSON.stringify(e))).join(' ,\n ')} ] ,
      "origin": "ignored", "checkpoints": ${JSON.stringify(base.checkpoints)}, "publicKey": ${JSON.stringify(base.publicKey)},
      "origin": ${JSON.stringify(base.origin)} }  `;
    const expected = verifyLedgerExport(JSON.parse(text));
    expect(expected.ok).toBe(true);
    for (const windowBytes of [16, 97, 1 << 16]) expect(streamed(text, undefined, windowBytes)).toEqual(expected);
  });

  it('leaves files that are not exports to the whole-file reader', () => {
    for (const text of ['[]', '{"items": []}', '{"entries": {}}', '"x"']) {
      expect(indexLedgerExport(bufferSource(Buffer.from(text)))).toBeUndefined();
    }
  });

  it.each([
    ['truncated', '{ "entries": ['],
    ['a trailing comma', '{"entries": ["AA==",]}'],
    ['an unterminated string', '{"entries": ["AA=='],
    ['garbage after the object', '{"entries": []} x'],
    ['a bad literal', '{"entries": [], "x": tru}'],
    ['a bad number', '{"entries": [], "x": 01}'],
    ['a bad escape in a key', '{"entr\\ies": []}'],
  ])('refuses JSON that is %s', (_label, text) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(() => indexLedgerExport(bufferSource(Buffer.from(text)))).toThrow(JsonSyntaxError);
  });
});
