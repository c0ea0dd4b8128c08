/** Exports judged in every way the verifier can judge one, for the verifiers that must agree on them. */
import { signCheckpoint } from '../checkpoint/signed-checkpoint';
import { ORIGIN, testKeys } from './keys';
import { buildLedger, entryBytes } from './ledger-fixture';

const log = testKeys();
const forger = testKeys();
const SIZES = [0, 10, 20, 30, 40, 50, 60];
const ledger = buildLedger({ ...log, entries: 64, checkpointSizes: SIZES, withLeafHashes: true });
export const base = ledger.ledgerExport;
export const trusted = ledger.checkpointAt(45);

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
export const CASES: Array<[string, unknown]> = [
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
  // Escaped in the file: the raw text ends early at a quote the replay's fast paths must not take as the end.
  ['an entry with a quote inside', withEntries((e) => (e[30] = `${e[30].slice(0, 8)}"${e[30].slice(8)}`))],
  ['a leaf hash with a quote inside, 44 bytes in the file', withHashes((h) => (h[20] = `${h[20].slice(0, 20)}"${h[20].slice(22)}`))],
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

