// @vitest-environment node
/**
 * The primitives the browser injects into custos-verify's core (WebAssembly SIMD SHA-256,
 * base64 from the file's bytes, WebCrypto Ed25519) against
 * node:crypto: the same hashes on the RFC 6962 vectors, the same verdicts on exports. Imports
 * of `node:crypto` here are Node's own; inside libs/ledger-core, vite.config.mts maps them to
 * the browser's (node-crypto.browser.ts), as in the built page.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from '../../../../../../../libs/ledger-core/src/checkpoint/checkpoint';
import { decodeBase64Bytes, decodeBase64StrictInto } from '../../../../../../../libs/ledger-core/src/encoding/base64';
import { verifyConsistency, verifyInclusion } from '../../../../../../../libs/ledger-core/src/merkle/verify-proofs';
import { foldBorder, SubtreeHasher } from '../../../../../../../libs/ledger-core/src/merkle/subtree-hasher';
import { RFC6962_LEAVES, RFC6962_ROOTS } from '../../../../../../../libs/ledger-core/src/test-support/rfc6962-leaves';
import { bufferSource } from '../../../../../../../libs/ledger-core/src/verify/json-scan';
import { nodeLeafBatch } from '../../../../../../../libs/ledger-core/src/verify/leaf-batch';
import { indexLedgerExport, verifyIndexedExport } from '../../../../../../../libs/ledger-core/src/verify/stream-export';
import { browserLeafBatch } from './browser-leaf-batch';
import { findByte } from './buffer-global';
import { verifyBytes } from './verify-core';

const nodeSha = (...parts: Uint8Array[]) => {
  const hash = createHash('sha256');
  parts.forEach((p) => hash.update(p));
  return hash.digest();
};
const NODE = { digestInto: (data: Uint8Array, out: Uint8Array, at: number) => out.set(nodeSha(data), at) };
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Leaf inputs (0x00 ‖ leaf) in the batch's arena, hashed as the replay has them hashed. */
function browserLeafHashes(leaves: readonly Uint8Array[]): string[] {
  const batch = browserLeafBatch(leaves.length);
  const offsets = new Uint32Array(leaves.length);
  const lengths = new Uint32Array(leaves.length);
  let used = 0;
  leaves.forEach((leaf, k) => {
    batch.arena[used] = 0;
    batch.arena.set(leaf, used + 1);
    offsets[k] = used;
    lengths[k] = leaf.length + 1;
    used += leaf.length + 1 + batch.slack;
  });
  batch.digestLeaves(offsets, lengths, leaves.length);
  return leaves.map((_, k) => hex(batch.digests.subarray(32 * k, 32 * k + 32)));
}

describe('the browser verifier’s primitives against node:crypto', () => {
  it('hash the RFC 6962 leaves four lanes at a time to node:crypto’s leaf hashes and fold them to the published roots', () => {
    const leaves = RFC6962_LEAVES.map((leaf) => Uint8Array.from(leaf));
    // 1 to 8 leaves: every way a group of four can be partly filled.
    for (let n = 1; n <= leaves.length; n++) {
      const hashes = browserLeafHashes(leaves.slice(0, n));
      expect(hashes).toEqual(leaves.slice(0, n).map((leaf) => hex(nodeSha(Uint8Array.of(0), leaf))));
      const batch = browserLeafBatch(16);
      const tree = new SubtreeHasher(batch.sha);
      hashes.forEach((h) => tree.pushHash(Uint8Array.from(Buffer.from(h, 'hex'))));
      expect(hex(foldBorder(batch.sha, tree.border()))).toBe(RFC6962_ROOTS[n - 1]);
    }
  });

  it('hash messages of every length across the padding edges, in lanes of different lengths, as node:crypto does', () => {
    const messages = Array.from({ length: 300 }, (_, n) =>
      Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff),
    );
    expect(browserLeafHashes(messages)).toEqual(messages.map((m) => hex(nodeSha(Uint8Array.of(0), m))));
  });

  it('verify the RFC 6962 inclusion and consistency proof vectors as Node does (hashing in the browser’s SHA-256)', () => {
    const root = path.resolve(__dirname, '../../../../../../../libs/ledger-core/test-vectors/rfc6962-proofs/testdata');
    const files = (folder: string) =>
      fs
        .readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.json'))
        .map((f) => JSON.parse(fs.readFileSync(path.join(root, folder, f), 'utf8')));
    const b64 = (t: string) => Buffer.from(t, 'base64');
    const inclusion = files('inclusion');
    const consistency = files('consistency');
    expect(inclusion.length + consistency.length).toBeGreaterThan(100);
    for (const v of inclusion) {
      expect(verifyInclusion(b64(v.leafHash), v.leafIdx, v.treeSize, (v.proof ?? []).map(b64), b64(v.root))).toBe(
        !v.wantErr,
      );
    }
    for (const v of consistency) {
      expect(verifyConsistency(v.size1, v.size2, b64(v.root1), b64(v.root2), (v.proof ?? []).map(b64))).toBe(
        !v.wantErr,
      );
    }
  });

  it('find a byte as Uint8Array.prototype.indexOf does, from any offset, in views at any offset', () => {
    const backing = new ArrayBuffer(4099);
    const all = new Uint8Array(backing);
    for (let i = 0; i < all.length; i++) all[i] = i % 97 === 0 || i % 251 === 3 ? 0x22 : 0x41 + (i % 26);
    for (const offset of [0, 1, 2, 3, 5, 1000]) {
      const view = new Uint8Array(backing, offset, all.length - offset - (offset % 3));
      const { bytes, words } = { bytes: all, words: new Int32Array(backing, 0, backing.byteLength >> 2) };
      for (let from = 0; from < view.length; from += 7) {
        const found = findByte(bytes, words, offset + from, offset + view.length, 0x22);
        expect([offset, from, found < 0 ? -1 : found - offset]).toEqual([offset, from, view.indexOf(0x22, from)]);
        const none = findByte(bytes, words, offset + from, offset + view.length, 0x7e);
        expect(none).toBe(-1);
      }
    }
  });

  it('decode base64 from bytes exactly when the core’s strict decoder does, to the same bytes', () => {
    const texts = [
      '',
      'AA==',
      'AAA=',
      'AAAA',
      'AB==',
      'AAB=',
      'QUJD',
      'QUI',
      'QU=I',
      '-_8=',
      'QU I=',
      'QUJDRA==',
      'QUJDRA=',
      '====',
      'Q===',
    ];
    for (const text of texts) {
      const src = new TextEncoder().encode(text);
      const mine = new Uint8Array(16);
      const core = Buffer.alloc(16);
      const n = decodeBase64Bytes(src, 0, src.length, mine, 0);
      const m = decodeBase64StrictInto(text, core, 0);
      expect([text, n]).toEqual([text, m]);
      if (n >= 0) expect(hex(mine.subarray(0, n))).toBe(hex(core.subarray(0, m)));
    }
  });
});

// An export signed with node:crypto, built here from the RFC 9162 definitions alone.
const ORIGIN = 'ledger.custos.test/audit';
function mth(hashes: Buffer[]): Buffer {
  if (hashes.length === 1) return hashes[0];
  let k = 1;
  while (k * 2 < hashes.length) k *= 2;
  return nodeSha(Uint8Array.of(1), mth(hashes.slice(0, k)), mth(hashes.slice(k)));
}
function signedExport(size: number, checkpointSizes: number[]) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const keyId = nodeSha(Buffer.from(`${ORIGIN}\n`), Uint8Array.of(1), raw).subarray(0, 4);
  const entries = Array.from({ length: size }, (_, i) =>
    Buffer.from(JSON.stringify({ sequence: i, type: 'custody.EvidenceReceived', pad: 'x'.repeat(i % 90) })),
  );
  const leafHashes = entries.map((e) => nodeSha(Uint8Array.of(0), e));
  const checkpoints = checkpointSizes.map((n) => {
    const text = formatCheckpoint({ origin: ORIGIN, size: n, rootHash: mth(leafHashes.slice(0, n)) });
    const signature = sign(null, Buffer.from(text), privateKey);
    return `${text}\n— ${ORIGIN} ${Buffer.concat([keyId, signature]).toString('base64')}\n`;
  });
  return {
    origin: ORIGIN,
    publicKey: `${ORIGIN}+${hex(keyId)}+${Buffer.concat([Uint8Array.of(1), raw]).toString('base64')}`,
    checkpoints,
    entries: entries.map((e) => e.toString('base64')),
    leafHashes: leafHashes.map((h) => h.toString('base64')),
  };
}

/** A signature byte changed: a character of the last line's base64, away from its padding. */
const flipNearEnd = (note: string) => {
  const at = note.length - 10;
  return note.slice(0, at) + (note[at] === 'A' ? 'B' : 'A') + note.slice(at + 1);
};

describe('the browser verifier’s verdicts against node:crypto’s', () => {
  const honest = signedExport(300, [100, 256, 300]);
  const other = signedExport(1, [1]);
  const tamper = (change: (e: ReturnType<typeof signedExport>) => void) => {
    const copy = structuredClone(honest);
    change(copy);
    return copy;
  };
  const cases: Array<[string, unknown]> = [
    ['an honest export', honest],
    [
      'a changed entry (index 137)',
      tamper((e) => (e.entries[137] = Buffer.from('{"sequence":137}').toString('base64'))),
    ],
    [
      'a changed entry without leaf hashes',
      tamper((e) => {
        e.entries[137] = Buffer.from('{}').toString('base64');
        delete (e as { leafHashes?: string[] }).leafHashes;
      }),
    ],
    ['a changed leaf hash (index 5)', tamper((e) => (e.leafHashes[5] = e.leafHashes[6]))],
    ['an unreadable entry (index 250)', tamper((e) => (e.entries[250] = 'not base64'))],
    [
      'an entry with a JSON escape',
      tamper((e) => (e.entries[3] = e.entries[3].replace(/^(.)/, (c) => `\\u00${c.charCodeAt(0).toString(16)}`))),
    ],
    ['a forged signature', tamper((e) => (e.checkpoints[1] = flipNearEnd(e.checkpoints[1])))],
    ['another key’s checkpoint', tamper((e) => (e.checkpoints[2] = other.checkpoints[0]))],
  ];

  it.each(cases)('on %s, with the key pinned', async (label, json) => {
    const text = JSON.stringify(json).replaceAll('\\\\u00', '\\u00');
    const bytes = new TextEncoder().encode(text);
    const source = bufferSource(Buffer.from(bytes));
    const index = indexLedgerExport(source);
    if (index === undefined) throw new Error('not an export');
    const reference = verifyIndexedExport(
      source,
      index,
      { trustedPublicKey: honest.publicKey },
      undefined,
      undefined,
      nodeLeafBatch(NODE),
    );
    const verdict = await verifyBytes({ bytes: bytes.buffer, trustedPublicKey: honest.publicKey });
    // Every case but the honest one and the escaped entry is a divergence.
    expect(reference.ok).toBe(label === 'an honest export' || label === 'an entry with a JSON escape');
    if (reference.ok) {
      expect(verdict).toMatchObject({
        status: 'ok',
        kind: 'export',
        entries: 300,
        rootHex: hex(reference.value.rootHash),
      });
    } else {
      expect(verdict).toEqual({ status: 'failed', kind: 'export', divergence: reference.error });
    }
  });
});
