/**
 * The shape of an RFC 9162 tree, as perfect subtrees. Storage keeps one hash per complete
 * perfect subtree ("node"), so any root or proof is a fold over O(log n) stored nodes: the
 * ledger service fetches `plan.nodes` in one query and calls `assembleProof`.
 */
import { nodeHash } from './hashing';

/** The perfect subtree over leaves [index·2^level, (index+1)·2^level); level 0 is a leaf hash. */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** Which stored nodes make up each element of a proof (or a root), in fetch order. */
export interface ProofPlan {
  readonly nodes: readonly NodeId[];
  /** Element i folds the next `groups[i]` nodes right to left; 1 means the node itself. */
  readonly groups: readonly number[];
}

export function isTreeSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/**
 * Splits [start, end) into perfect subtrees, largest first. Only valid for the ranges the
 * RFC recursion produces, whose start is aligned to a power of two ≥ end − start; their MTH
 * is then the right-to-left fold of the pieces.
 */
function pushRangeNodes(start: number, end: number, out: NodeId[]): number {
  let remaining = end - start;
  let width = 1;
  let level = 0;
  while (width * 2 <= remaining) {
    width *= 2;
    level++;
  }
  let pushed = 0;
  for (let at = start; remaining > 0; width /= 2, level--) {
    if (width > remaining) continue;
    out.push({ level, index: at / width });
    at += width;
    remaining -= width;
    pushed++;
  }
  return pushed;
}

function planFromRanges(ranges: ReadonlyArray<readonly [number, number]>): ProofPlan {
  const nodes: NodeId[] = [];
  const groups = ranges.map(([start, end]) => pushRangeNodes(start, end, nodes));
  return { nodes, groups };
}

/** Largest power of two strictly below n (n ≥ 2), searched down from a known upper bound. */
function splitBelow(n: number, upper: number): number {
  let k = upper;
  while (k >= n) k /= 2;
  return k;
}

function powerOfTwoAtLeast(n: number): number {
  let k = 1;
  while (k < n) k *= 2;
  return k;
}

/** The nodes whose fold is MTH(D[0:size]); size ≥ 1. */
export function rootRanges(size: number): ProofPlan {
  return planFromRanges([[0, size]]);
}

/** RFC 9162 §2.1.3.1 PATH(index, D[0:size]), walked top-down and returned leaf-first. */
export function inclusionRanges(index: number, size: number): ProofPlan {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  let end = size;
  let k = powerOfTwoAtLeast(size);
  while (end - start > 1) {
    k = splitBelow(end - start, k);
    if (index < start + k) {
      ranges.push([start + k, end]);
      end = start + k;
    } else {
      ranges.push([start, start + k]);
      start += k;
    }
  }
  return planFromRanges(ranges.reverse());
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true); requires 0 < m ≤ n. */
export function consistencyRanges(m: number, n: number): ProofPlan {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  let end = n;
  let k = powerOfTwoAtLeast(n);
  // The RFC's flag b: true while the old tree is still a left-aligned prefix of the subtree,
  // in which case its root is known to the verifier and is not sent.
  let oldRootKnown = true;
  while (m < end) {
    k = splitBelow(end - start, k);
    if (m - start <= k) {
      ranges.push([start + k, end]);
      end = start + k;
    } else {
      ranges.push([start, start + k]);
      start += k;
      oldRootKnown = false;
    }
  }
  if (!oldRootKnown) ranges.push([start, end]);
  return planFromRanges(ranges.reverse());
}

/** Folds fetched node hashes (in `plan.nodes` order) into the proof elements. */
export function assembleProof(plan: ProofPlan, hashes: readonly Uint8Array[]): Buffer[] {
  if (hashes.length !== plan.nodes.length) {
    throw new RangeError(`plan needs ${plan.nodes.length} node hashes, got ${hashes.length}`);
  }
  const proof: Buffer[] = [];
  let next = 0;
  for (const count of plan.groups) {
    let hash: Buffer = Buffer.from(hashes[next + count - 1]);
    for (let i = next + count - 2; i >= next; i--) hash = nodeHash(hashes[i], hash);
    proof.push(hash);
    next += count;
  }
  return proof;
}
