/**
 * Proof verification exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 state it. Sizes may exceed
 * 2^32, so bit operations are spelled as arithmetic on safe integers (JS `>>` is 32-bit).
 */
import { HASH_SIZE, hashesEqual, nodeHash } from './hashing';
import { isTreeSize } from './tree-shape';

const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

function wellFormed(proof: readonly Uint8Array[]): boolean {
  return proof.every((p) => p.length === HASH_SIZE);
}

/** True when `proof` shows the leaf with `leafHash` at `index` in the tree of `size` with `root`. */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isTreeSize(index) || !isTreeSize(size) || index >= size) return false;
  if (leafHash.length !== HASH_SIZE || !wellFormed(proof)) return false;
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && hashesEqual(r, root);
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/** True when `proof` shows the tree of size m with `root1` is a prefix of the tree of size n with `root2`. */
export function verifyConsistency(
  m: number,
  n: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  // The RFC algorithm covers 0 < m < n; the edges follow the published vectors: nothing is
  // provable from the empty tree, and equal sizes need an empty proof and equal roots.
  if (!isTreeSize(m) || !isTreeSize(n) || m === 0 || m > n) return false;
  if (m === n) return proof.length === 0 && hashesEqual(root1, root2);
  if (proof.length === 0 || !wellFormed(proof)) return false;

  const path = isPowerOfTwo(m) ? [root1, ...proof] : proof;
  let fn = m - 1;
  let sn = n - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Uint8Array = path[0];
  let sr: Uint8Array = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && hashesEqual(fr, root1) && hashesEqual(sr, root2);
}
