import { base, CASES, trusted } from '../test-support/export-cases';
import { bufferSource, JsonSyntaxError } from './json-scan';
import { indexLedgerExport, verifyIndexedExport } from './stream-export';
import { verifyAgainstTrustedCheckpoint, verifyLedgerExport } from './verify-export';

function streamed(text: string, trustedNote?: string, windowBytes?: number, chunkLeaves?: number) {
  const source = bufferSource(Buffer.from(text, 'utf8'));
  const index = indexLedgerExport(source, windowBytes, chunkLeaves);
  if (index === undefined) throw new Error('not indexed as an export');
  return verifyIndexedExport(source, index, { trustedPublicKey: undefined }, trustedNote, windowBytes);
}

describe('the streamed ledger-export verifier', () => {
  it.each(CASES)('agrees with verifyLedgerExport on %s', (_label, json) => {
    const text = JSON.stringify(json);
    expect(streamed(text)).toEqual(verifyLedgerExport(JSON.parse(text)));
  });

  it.each(CASES)('agrees against a trusted checkpoint on %s', (_label, json) => {
    const text = JSON.stringify(json);
    expect(streamed(text, trusted)).toEqual(verifyAgainstTrustedCheckpoint(JSON.parse(text), trusted));
  });

  // Chunks are RFC 9162 subtrees replayed apart and combined: the same roots, the same first divergence.
  it.each(CASES)('agrees, replayed in chunks of 1, 4 and 8 leaves, on %s', (_label, json) => {
    const text = JSON.stringify(json);
    const expected = verifyLedgerExport(JSON.parse(text));
    const expectedTrusted = verifyAgainstTrustedCheckpoint(JSON.parse(text), trusted);
    for (const chunkLeaves of [1, 4, 8]) {
      expect(streamed(text, undefined, 97, chunkLeaves)).toEqual(expected);
      expect(streamed(text, trusted, undefined, chunkLeaves)).toEqual(expectedTrusted);
    }
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
