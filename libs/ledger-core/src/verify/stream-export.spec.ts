import { decodeBase64StrictInto } from '../encoding/base64';
import { NODE_SHA256 } from '../merkle/sha256';
import { base, CASES, trusted } from '../test-support/export-cases';
import { testKeys } from '../test-support/keys';
import { buildLedger, entryBytes } from '../test-support/ledger-fixture';
import { bufferSource, JsonSyntaxError, latin1Text } from './json-scan';
import { LeafBatch } from './leaf-batch';
import { ONE_PASS_MAX_ENTRIES, TWO_PASSES, verifyExportFile, verifyExportInOnePass } from './one-pass-export';
import { indexLedgerExport, verifyIndexedExport } from './stream-export';
import { verifyAgainstTrustedCheckpoint, verifyLedgerExport } from './verify-export';

function streamed(text: string, trustedNote?: string, windowBytes?: number, chunkLeaves?: number, batch?: LeafBatch) {
  const source = bufferSource(Buffer.from(text, 'utf8'));
  const index = indexLedgerExport(source, windowBytes, chunkLeaves);
  if (index === undefined) throw new Error('not indexed as an export');
  return verifyIndexedExport(source, index, { trustedPublicKey: undefined }, trustedNote, windowBytes, batch);
}

/** The one-pass reading, which must judge every export the ledger writes (its key order) itself. */
function onePass(text: string, trustedNote?: string, windowBytes?: number) {
  const result = verifyExportInOnePass(bufferSource(Buffer.from(text, 'utf8')), {}, trustedNote, windowBytes);
  if (result === TWO_PASSES || result === undefined) throw new Error(`not read in one pass: ${result}`);
  return result;
}

/** An export's JSON in the order `keys` name its members. */
function inOrder(json: unknown, keys: readonly string[]): string {
  const record = json as Record<string, unknown>;
  return `{${keys.filter((key) => record[key] !== undefined).map((key) => `${JSON.stringify(key)}:${JSON.stringify(record[key])}`).join(',')}}`;
}

/** As the ledger writes it (services/ledger/src/queries/export/ledger-export.ts). */
const LEDGER_ORDER = ['origin', 'publicKey', 'treeSize', 'checkpoints', 'entries', 'leafHashes'];

/**
 * A batch of `maxLeaves` in an arena of `arenaBytes` (entries larger take the replay's slow
 * path), with `slack` bytes kept after each input as a padding hasher needs: the shape of the
 * browser's, with Node's primitives.
 */
function batchOf(maxLeaves: number, arenaBytes: number, slack: number): LeafBatch {
  const arena = Buffer.alloc(arenaBytes);
  const digests = Buffer.alloc(32 * maxLeaves);
  return {
    // Interior nodes in bulk too, as the browser hashes them.
    sha: {
      ...NODE_SHA256,
      digestPairs: (hashes, from, count, out, outAt) => {
        for (let k = 0; k < count; k++) {
          const pair = hashes.subarray(from + 64 * k, from + 64 * k + 64);
          NODE_SHA256.digestInto(Buffer.concat([Buffer.of(1), pair]), out, outAt + 32 * k);
        }
      },
    },
    arena,
    slack,
    maxLeaves,
    digests,
    decodeBase64: (src, start, end, at) => decodeBase64StrictInto(latin1Text(src as Buffer, start, end), arena, at),
    digestLeaves(offsets, lengths, count) {
      for (let k = 0; k < count; k++) {
        // The slack after each input is the hasher's: scribbling over it must change nothing.
        arena.fill(0xa5, offsets[k] + lengths[k], Math.min(arenaBytes, offsets[k] + lengths[k] + slack));
        NODE_SHA256.digestInto(arena.subarray(offsets[k], offsets[k] + lengths[k]), digests, 32 * k);
      }
    },
  };
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

  it.each(CASES)('agrees, read in one pass as the ledger orders an export, on %s', (_label, json) => {
    const text = inOrder(json, LEDGER_ORDER);
    const expected = verifyLedgerExport(JSON.parse(text));
    expect(onePass(text)).toEqual(expected);
    expect(onePass(text, undefined, 97)).toEqual(expected);
    expect(onePass(text, trusted)).toEqual(verifyAgainstTrustedCheckpoint(JSON.parse(text), trusted));
  });

  it.each(CASES)('agrees, read in one pass or two whatever the key order, on %s', (_label, json) => {
    const expected = verifyLedgerExport(json);
    for (const keys of [['leafHashes', ...LEDGER_ORDER], [...LEDGER_ORDER.slice(0, 3), 'entries', 'checkpoints', 'leafHashes']]) {
      expect(verifyExportFile(bufferSource(Buffer.from(inOrder(json, keys))))).toEqual(expected);
    }
  });

  it('leaves to two passes the exports one pass cannot judge alone', () => {
    const text = (keys: readonly string[]) => Buffer.from(inOrder({ ...base, treeSize: base.entries.length }, keys));
    // The recorded hashes before the entries, the checkpoints after them.
    expect(verifyExportInOnePass(bufferSource(text(['leafHashes', ...LEDGER_ORDER])))).toBe(TWO_PASSES);
    expect(verifyExportInOnePass(bufferSource(text(['entries', ...LEDGER_ORDER])))).toBe(TWO_PASSES);
    // More entries than one pass holds the hashes of, by the ledger's count.
    const large = `{"treeSize":${ONE_PASS_MAX_ENTRIES + 1},${inOrder(base, LEDGER_ORDER).slice(1)}`;
    expect(verifyExportInOnePass(bufferSource(Buffer.from(large)))).toBe(TWO_PASSES);
    // Entries given twice (the last counts).
    const twice = `{"entries":["AA=="],${inOrder(base, LEDGER_ORDER).slice(1)}`;
    expect(verifyExportInOnePass(bufferSource(Buffer.from(twice)))).toBe(TWO_PASSES);
    expect(verifyExportFile(bufferSource(Buffer.from(twice)))).toEqual(verifyLedgerExport(JSON.parse(twice)));
    expect(verifyExportInOnePass(bufferSource(Buffer.from('{"items": []}')))).toBeUndefined();
  });

  it('names a changed, a removed and a moved entry by index, and a checkpoint mismatch, in one pass', () => {
    const entries = base.entries;
    const changed = [...entries];
    changed[41] = entryBytes(41, 'x').toString('base64');
    // A position whose row is gone is exported empty, not skipped (the ledger's writer).
    const removed = [...entries];
    removed[17] = '';
    const moved = [...entries.slice(0, 5), entries[12], ...entries.slice(5, 12), ...entries.slice(13)];
    for (const [tampered, index] of [[changed, 41], [removed, 17], [moved, 5]] as const) {
      const result = onePass(inOrder({ ...base, entries: tampered }, LEDGER_ORDER));
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'LEDGER_ENTRY_MISMATCH', entryIndex: index }) });
    }
    // Without the recorded hashes, the first signed root after the change is what diverges.
    const unrecorded = onePass(inOrder({ ...base, entries: changed, leafHashes: undefined }, LEDGER_ORDER));
    expect(unrecorded).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'CHECKPOINT_ROOT_MISMATCH', entryRange: { from: 40, to: 50 } }),
    });
  });

  it('grows its memory for the hashes past a low or missing count of entries', () => {
    for (const treeSize of [undefined, 1, 0, -3, 'many']) {
      const text = inOrder({ ...base, treeSize }, LEDGER_ORDER);
      expect(onePass(text)).toEqual(verifyLedgerExport(base));
    }
  });

  // The browser decodes and hashes leaves in batches (libs/ledger-core/src/verify/leaf-batch.ts).
  it.each(CASES)(
    'agrees, with leaves hashed in batches (some entries too large for the arena), on %s',
    (_label, json) => {
      const text = JSON.stringify(json);
      const expected = verifyLedgerExport(JSON.parse(text));
      const expectedTrusted = verifyAgainstTrustedCheckpoint(JSON.parse(text), trusted);
      for (const [maxLeaves, arenaBytes, chunkLeaves] of [
        [3, 1 << 16, 8],
        [16, 700, 32],
        [64, 1 << 16, undefined],
        [4, 120, 8],
      ] as const) {
        expect(streamed(text, undefined, undefined, chunkLeaves, batchOf(maxLeaves, arenaBytes, 72))).toEqual(expected);
        expect(streamed(text, trusted, 97, chunkLeaves, batchOf(maxLeaves, arenaBytes, 72))).toEqual(expectedTrusted);
      }
    },
  );

  it('reads through windows far smaller than one entry, with any spacing, key order and escapes', () => {
    const escaped = JSON.stringify(base.entries[7]).replace('A', '\\u0041');
    const entries = `"entries": [ ${base.entries.map((e, i) => (i === 7 ? escaped : JSON.stringify(e))).join(' ,\n ')} ] `;
    const leafHashes = `"leafHashes" : ${JSON.stringify(base.leafHashes, null, 1)}`;
    const checkpoints = `"checkpoints": ${JSON.stringify(base.checkpoints)}`;
    const text = `\n{ ${leafHashes},\t"extra": {"a": [1, 2.5e3, true, null, {"b": "\\n"}]},
      ${entries},
      "origin": "ignored", ${checkpoints}, "publicKey": ${JSON.stringify(base.publicKey)},
      "origin": ${JSON.stringify(base.origin)} }  `;
    const expected = verifyLedgerExport(JSON.parse(text));
    expect(expected.ok).toBe(true);
    // In the ledger's order (checkpoints, entries, leaf hashes), with that spacing: one pass.
    const ordered = `\n{ "origin": "ignored", ${checkpoints},\t"extra": {"a": [1, 2.5e3, true, null, {"b": "\\n"}]},
      ${entries}, ${leafHashes}, "publicKey": ${JSON.stringify(base.publicKey)},
      "origin": ${JSON.stringify(base.origin)} }  `;
    expect(verifyLedgerExport(JSON.parse(ordered))).toEqual(expected);
    for (const windowBytes of [16, 97, 1 << 16]) {
      expect(streamed(text, undefined, windowBytes)).toEqual(expected);
      expect(verifyExportFile(bufferSource(Buffer.from(text)), {}, undefined, windowBytes)).toEqual(expected);
      expect(onePass(ordered, undefined, windowBytes)).toEqual(expected);
    }
  });

  it('reads entries longer than the text a replay cuts them from, between short ones', () => {
    const log = testKeys();
    const sizes = [10, 70_000, 20, 49_000, 120_000, 5];
    const entries = sizes.map((size, i) => Buffer.concat([entryBytes(i), Buffer.alloc(size, 0x41 + i)]));
    const ledger = buildLedger({ ...log, entries, checkpointSizes: [2, 5, 6], withLeafHashes: true });
    const tampered = [...ledger.ledgerExport.entries];
    tampered[4] = Buffer.concat([entryBytes(4), Buffer.alloc(120_000, 0x20)]).toString('base64');
    for (const json of [ledger.ledgerExport, { ...ledger.ledgerExport, entries: tampered }]) {
      const text = JSON.stringify(json);
      const expected = verifyLedgerExport(JSON.parse(text));
      // In chunks of one leaf, each leaf starts on the plain path again.
      for (const windowBytes of [undefined, 97, 100_000]) {
        for (const chunkLeaves of [undefined, 1]) expect(streamed(text, undefined, windowBytes, chunkLeaves)).toEqual(expected);
        expect(onePass(inOrder(json, LEDGER_ORDER), undefined, windowBytes)).toEqual(expected);
      }
    }
  });

  it('refuses an entry spelled in the URL-safe alphabet wherever it stands in the text a replay cuts, as the whole-file reader does', () => {
    // Entries whose standard spelling has '+' and '/' (bytes 0xfb 0xff): URL-safe, '-' and '_'.
    const log = testKeys();
    const bytes = Array.from({ length: 40 }, (_, i) => Buffer.concat([entryBytes(i), Buffer.of(0xfb, 0xff, 0xbf)]));
    const { ledgerExport } = buildLedger({ ...log, entries: bytes, checkpointSizes: [10, 25, 40], withLeafHashes: true });
    const urlSafe = (i: number) => ledgerExport.entries[i].replace(/\+/g, '-').replace(/\//g, '_');
    expect(ledgerExport.entries.every((entry, i) => urlSafe(i) !== entry)).toBe(true);
    // One entry, two in the same text (the second found after the first was passed), the last one.
    for (const which of [[7], [3, 30], [39]]) {
      const entries = ledgerExport.entries.map((entry, i) => (which.includes(i) ? urlSafe(i) : entry));
      const text = inOrder({ ...ledgerExport, entries }, LEDGER_ORDER);
      const expected = verifyLedgerExport(JSON.parse(text));
      expect(expected).toEqual({ ok: false, error: expect.objectContaining({ entryIndex: which[0] }) });
      expect(onePass(text)).toEqual(expected);
      expect(streamed(text)).toEqual(expected);
    }
  });

  it('compares runs of recorded leaf hashes as text, in one pass or two, and still names the first one that differs, is misspelled, is missing or is spaced', () => {
    const log = testKeys();
    const { ledgerExport } = buildLedger({ ...log, entries: 2_500, checkpointSizes: [1_000, 2_500], withLeafHashes: true });
    const hashes = ledgerExport.leafHashes as string[];
    const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const changed = (h: string) => (h[0] === 'A' ? 'B' : 'A') + h.slice(1);
    // The same bytes to a lenient decoder: a bit set under the pad.
    const misspelled = (h: string) => h.slice(0, 42) + ALPHABET[ALPHABET.indexOf(h[42]) | 1] + '=';
    const at = (indices: number[], edit: (h: string) => string) => hashes.map((h, i) => (indices.includes(i) ? edit(h) : h));
    const variants: [string, string[]][] = [
      ['honest', hashes],
      ['the first changed', at([0], changed)],
      ['one changed inside a run, another after it', at([1_500, 2_200], changed)],
      ['the last changed', at([2_499], changed)],
      ['one misspelled', at([1_300], misspelled)],
      ['the last missing', hashes.slice(0, -1)],
      ['one too many', [...hashes, hashes[0]]],
    ];
    for (const [label, leafHashes] of variants) {
      // With the ledger's count of entries, the recorded hashes are read alongside the entries
      // (where its writer puts them); without it, or spaced, after them.
      for (const treeSize of [2_500, undefined]) {
        const text = inOrder({ ...ledgerExport, treeSize, leafHashes }, LEDGER_ORDER);
        const spaced = text.replace(/","/g, '", "');
        const expected = verifyLedgerExport(JSON.parse(text));
        expect([label, expected.ok]).toEqual([label, label === 'honest']);
        for (const windowBytes of [undefined, 97, 5_000]) {
          expect([label, onePass(text, undefined, windowBytes)]).toEqual([label, expected]);
          expect([label, onePass(spaced, undefined, windowBytes)]).toEqual([label, expected]);
          // Two passes, in chunks that cut the runs and in one (as threads replay them).
          for (const chunkLeaves of [512, undefined]) {
            expect([label, streamed(text, undefined, windowBytes, chunkLeaves)]).toEqual([label, expected]);
            expect([label, streamed(spaced, undefined, windowBytes, chunkLeaves)]).toEqual([label, expected]);
          }
        }
      }
    }
  });

  it('reads the recorded hashes alongside the entries only where the top level confirms they are', () => {
    const log = testKeys();
    const { ledgerExport } = buildLedger({ ...log, entries: 300, checkpointSizes: [300], withLeafHashes: true });
    const hashes = ledgerExport.leafHashes as string[];
    const honest = inOrder({ ...ledgerExport, treeSize: 300 }, LEDGER_ORDER);
    // Read alongside: the recorded hashes are read while the entries still are.
    const bytes = Buffer.from(honest);
    const reads: number[] = [];
    const source = { size: bytes.length, read: (into: Buffer, position: number) => (reads.push(position), bytes.copy(into, 0, position)) };
    expect(verifyExportInOnePass(source, {}, undefined, 4_096)).toEqual(verifyLedgerExport(JSON.parse(honest)));
    const hashesAt = honest.lastIndexOf('[');
    const entriesEnd = honest.indexOf(']', honest.indexOf('"entries":'));
    const lastInEntries = reads.length - 1 - [...reads].reverse().findIndex((at) => at < entriesEnd - 4_096);
    expect(reads.findIndex((at) => at >= hashesAt)).toBeLessThan(lastInEntries);
    // A second array of recorded hashes at the end, where the writer puts them (the last counts,
    // as with JSON.parse): the guess reads it, the top level meets the first one first.
    const decoys: string[][] = [hashes.map((h, i) => (i === 120 ? hashes[121] : h)), hashes];
    for (const decoy of decoys) {
      for (const [first, last] of [[hashes, decoy], [decoy, hashes]]) {
        const text = `${honest.slice(0, honest.lastIndexOf(',"leafHashes":'))},"leafHashes":${JSON.stringify(first)},"leafHashes":${JSON.stringify(last)}}`;
        const expected = verifyLedgerExport(JSON.parse(text));
        expect(verifyExportInOnePass(bufferSource(Buffer.from(text)))).toBe(TWO_PASSES);
        for (const windowBytes of [undefined, 97]) {
          expect(verifyExportFile(bufferSource(Buffer.from(text)), {}, undefined, windowBytes)).toEqual(expected);
        }
      }
    }
    // Read alongside, an element that is not a string, where a hash's 46 bytes would be.
    const object = `{"a":"${'x'.repeat(38)}"}`;
    expect(object).toHaveLength(46);
    const withObject = honest.replace(JSON.stringify(hashes[200]), object);
    expect(onePass(withObject)).toEqual(verifyLedgerExport(JSON.parse(withObject)));
    expect(onePass(withObject)).toEqual({ ok: false, error: expect.objectContaining({ code: 'EXPORT_MALFORMED' }) });
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
    const withCheckpoints = text.replace('{', '{"checkpoints": [], ');
    expect(() => verifyExportInOnePass(bufferSource(Buffer.from(withCheckpoints)))).toThrow(JsonSyntaxError);
  });

  it.each([
    ['elements without a comma', '["AA==" "AA=="]'],
    ['a trailing comma', '["AA==",]'],
    ['an unterminated array', '["AA==","AA=="'],
    ['a colon between elements', '["AA==":"AA=="]'],
  ])('refuses arrays with %s, in one pass as in two', (_label, array) => {
    for (const key of ['entries', 'leafHashes']) {
      const text = `{"checkpoints": [], "entries": ${key === 'entries' ? array : '["AA=="]'}, "leafHashes": ${key === 'leafHashes' ? array : '[]'}}`;
      expect(() => JSON.parse(text)).toThrow();
      expect(() => verifyExportInOnePass(bufferSource(Buffer.from(text)))).toThrow(JsonSyntaxError);
      expect(() => indexLedgerExport(bufferSource(Buffer.from(text)))).toThrow(JsonSyntaxError);
    }
  });
});
