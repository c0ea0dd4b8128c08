/** Proof and root generation (RFC 9162 §2.1.3.1, §2.1.4.1) over stored nodes or leaf hashes. */
import { err, ok, Result } from '../result';
import { CompactRange } from './compact-range';
import { EMPTY_ROOT } from './hashing';
import { HashReader, leafHashesReader } from './hash-reader';
import { ProofError } from './proof-error';
import { assembleProof, consistencyRanges, inclusionRanges, isTreeSize, ProofPlan, rootRanges } from './tree-shape';

/**
 * Where node hashes come from: a reader over stored nodes, all leaf hashes in order, or a
 * getter of the leaf hash at an index (both of the latter rehash: O(n) per proof).
 */
export type ProofSource = HashReader | readonly Uint8Array[] | ((index: number) => Uint8Array);

function sizeError(message: string): Result<never, ProofError> {
  return err({ code: 'PROOF_SIZE_OUT_OF_RANGE', message });
}

/** The nodes to fetch for the inclusion proof of leaf `index` in the tree of `size` leaves. */
export function inclusionProofPlan(index: number, size: number): Result<ProofPlan, ProofError> {
  if (!isTreeSize(size)) return sizeError(`tree size ${size} is not a non-negative safe integer`);
  if (!isTreeSize(index) || index >= size) {
    return err({ code: 'PROOF_INDEX_OUT_OF_RANGE', message: `leaf index ${index} is not in a tree of size ${size}` });
  }
  return ok(inclusionRanges(index, size));
}

/**
 * The nodes to fetch for the proof that the tree of size m is a prefix of the tree of size n.
 * RFC 9162 defines it for 0 < m ≤ n (empty when m = n); from the empty tree there is nothing
 * to prove, and verifiers (like the published vectors) reject such a proof.
 */
export function consistencyProofPlan(m: number, n: number): Result<ProofPlan, ProofError> {
  if (!isTreeSize(m) || !isTreeSize(n) || m < 1 || m > n) {
    return sizeError(`consistency needs 0 < m ≤ n, got m=${m}, n=${n}`);
  }
  return ok(consistencyRanges(m, n));
}

/** The nodes whose fold is the root of the tree of `size` leaves; empty for the empty tree. */
export function rootPlan(size: number): ProofPlan {
  if (!isTreeSize(size)) throw new RangeError(`tree size ${size} is not a non-negative safe integer`);
  return size === 0 ? { nodes: [], groups: [] } : rootRanges(size);
}

/** Reads a plan's nodes one by one; a store that can batch should fetch `plan.nodes` itself. */
export function readPlan(plan: ProofPlan, reader: HashReader): Buffer[] {
  return assembleProof(
    plan,
    plan.nodes.map(({ level, index }) => reader.readNode(level, index)),
  );
}

/** MTH of the first `size` leaves from stored nodes: O(log size) reads and hashes. */
export function rootFromReader(size: number, reader: HashReader): Buffer {
  const plan = rootPlan(size);
  return size === 0 ? Buffer.from(EMPTY_ROOT) : readPlan(plan, reader)[0];
}

/** MTH(D[0:n]) of leaf hashes, in O(n) time and O(log n) memory. */
export function rootFromLeafHashes(hashes: readonly Uint8Array[]): Buffer {
  const range = CompactRange.empty();
  for (const hash of hashes) range.append(hash);
  return range.root();
}

function toReader(source: ProofSource, size: number): Result<HashReader, ProofError> {
  if (typeof source === 'function') return ok(leafHashesReader(source));
  if ('readNode' in source) return ok(source);
  if (size > source.length) return sizeError(`tree size ${size} exceeds the ${source.length} leaf hashes given`);
  return ok(leafHashesReader(source));
}

/** Inclusion proof of leaf `index` in the tree of `size` leaves, lowest sibling first. */
export function inclusionProof(index: number, size: number, source: ProofSource): Result<Buffer[], ProofError> {
  const plan = inclusionProofPlan(index, size);
  if (!plan.ok) return plan;
  const reader = toReader(source, size);
  return reader.ok ? ok(readPlan(plan.value, reader.value)) : reader;
}

/** Consistency proof from the tree of size m to the tree of size n (0 < m ≤ n). */
export function consistencyProof(m: number, n: number, source: ProofSource): Result<Buffer[], ProofError> {
  const plan = consistencyProofPlan(m, n);
  if (!plan.ok) return plan;
  const reader = toReader(source, n);
  return reader.ok ? ok(readPlan(plan.value, reader.value)) : reader;
}
