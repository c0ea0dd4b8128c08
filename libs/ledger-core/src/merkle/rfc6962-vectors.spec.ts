/**
 * The published RFC 6962 / RFC 9162 proof vectors (transparency-dev/merkle testdata, Apache-2.0),
 * kept in the repository under libs/ledger-core/test-vectors. The suite fails if they are
 * missing: it must never pass by having checked nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RFC6962_LEAVES } from '../test-support/rfc6962-leaves';
import { MemoryMerkleTree } from './memory-tree';
import { verifyConsistency, verifyInclusion } from './verify-proofs';

const VECTORS = path.resolve(__dirname, '../../test-vectors/rfc6962-proofs/testdata');

interface Case<T> {
  readonly file: string;
  readonly vector: T;
}

function casesIn<T>(folder: string): Case<T>[] {
  const root = path.join(VECTORS, folder);
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, vector: JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as T }));
}

const b64 = (text: string): Buffer => Buffer.from(text, 'base64');
const proofOf = (proof: readonly string[] | null): Buffer[] => (proof ?? []).map(b64);

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  wantErr: boolean;
}

interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  wantErr: boolean;
}

describe('RFC 6962 proof vectors', () => {
  const inclusion = casesIn<InclusionVector>('inclusion');
  const consistency = casesIn<ConsistencyVector>('consistency');

  it('finds both inclusion and consistency cases, rejected ones among them', () => {
    expect(inclusion.length).toBeGreaterThan(50);
    expect(consistency.length).toBeGreaterThan(50);
    expect(inclusion.some((c) => c.vector.wantErr) && consistency.some((c) => c.vector.wantErr)).toBe(true);
  });

  it.each(inclusion.map((c) => [c.file, c.vector] as const))('inclusion %s', (_file, v) => {
    expect(verifyInclusion(b64(v.leafHash), v.leafIdx, v.treeSize, proofOf(v.proof), b64(v.root))).toBe(!v.wantErr);
  });

  it.each(consistency.map((c) => [c.file, c.vector] as const))('consistency %s', (_file, v) => {
    expect(verifyConsistency(v.size1, v.size2, b64(v.root1), b64(v.root2), proofOf(v.proof))).toBe(!v.wantErr);
  });

  it('generates the happy-path proofs byte for byte from the RFC 6962 test leaves', () => {
    const tree = new MemoryMerkleTree();
    RFC6962_LEAVES.forEach((leaf) => tree.append(leaf));
    const happy = (c: Case<unknown>) => c.file.endsWith('happy-path.json') && /^\d\//.test(c.file);
    const inclusionHappy = inclusion.filter(happy);
    const consistencyHappy = consistency.filter(happy);
    expect(inclusionHappy.length + consistencyHappy.length).toBeGreaterThanOrEqual(10);
    for (const { vector: v } of inclusionHappy) {
      expect(tree.inclusionProof(v.leafIdx, v.treeSize)).toEqual({ ok: true, value: proofOf(v.proof) });
      expect(tree.root(v.treeSize)).toEqual(b64(v.root));
    }
    for (const { vector: v } of consistencyHappy) {
      expect(tree.consistencyProof(v.size1, v.size2)).toEqual({ ok: true, value: proofOf(v.proof) });
      expect([tree.root(v.size1), tree.root(v.size2)]).toEqual([b64(v.root1), b64(v.root2)]);
    }
  });
});
