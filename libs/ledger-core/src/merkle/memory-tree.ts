import { err, ok, Result } from '../result';
import { CompactRange } from './compact-range';
import { HASH_SIZE, leafHash } from './hashing';
import { HashReader } from './hash-reader';
import { ProofError } from './proof-error';
import { consistencyProofPlan, inclusionProofPlan, readPlan, rootFromReader } from './proofs';

/** One level of complete nodes, packed into a growing buffer: one object per level, not per hash. */
class NodeLevel {
  private bytes = Buffer.allocUnsafe(HASH_SIZE * 16);
  count = 0;

  push(hash: Uint8Array): void {
    if ((this.count + 1) * HASH_SIZE > this.bytes.length) {
      const grown = Buffer.allocUnsafe(this.bytes.length * 2);
      this.bytes.copy(grown, 0, 0, this.count * HASH_SIZE);
      this.bytes = grown;
    }
    this.bytes.set(hash, this.count * HASH_SIZE);
    this.count++;
  }

  get(index: number): Buffer {
    return Buffer.from(this.bytes.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE));
  }
}

/**
 * An in-memory Merkle log that keeps every complete perfect-subtree hash, the same nodes a
 * Postgres ledger stores: appends cost O(1) hashes amortised, and any past root or proof
 * costs O(log n) reads. The reference a store's nodes and proofs are checked against.
 */
export class MemoryMerkleTree implements HashReader {
  private readonly levels: NodeLevel[] = [];
  private readonly range = CompactRange.empty();

  get size(): number {
    return this.range.size;
  }

  /** Reads a complete node; asking for an incomplete one is a caller bug and throws. */
  readNode(level: number, index: number): Buffer {
    const stored = this.levels[level];
    if (stored === undefined || !Number.isSafeInteger(index) || index < 0 || index >= stored.count) {
      throw new RangeError(`node (${level}, ${index}) is not complete in a tree of size ${this.size}`);
    }
    return stored.get(index);
  }

  /** Appends an entry (its leaf hash is computed here); returns its leaf index. */
  append(entry: Uint8Array): number {
    return this.appendLeafHash(leafHash(entry));
  }

  appendLeafHash(hash: Uint8Array): number {
    const index = this.range.size;
    for (const node of this.range.append(hash)) {
      const level = (this.levels[node.level] ??= new NodeLevel());
      level.push(node.hash);
    }
    return index;
  }

  leafHash(index: number): Buffer {
    return this.readNode(0, index);
  }

  /** Root of the first `size` leaves (default: all); throws when the tree is not that large. */
  root(size: number = this.size): Buffer {
    if (size === this.size) return this.range.root();
    if (!Number.isSafeInteger(size) || size < 0 || size > this.size) {
      throw new RangeError(`no root of size ${size} in a tree of size ${this.size}`);
    }
    return rootFromReader(size, this);
  }

  inclusionProof(index: number, size: number = this.size): Result<Buffer[], ProofError> {
    if (size > this.size) return beyondTree(size, this.size);
    const plan = inclusionProofPlan(index, size);
    return plan.ok ? ok(readPlan(plan.value, this)) : plan;
  }

  consistencyProof(m: number, n: number = this.size): Result<Buffer[], ProofError> {
    if (n > this.size) return beyondTree(n, this.size);
    const plan = consistencyProofPlan(m, n);
    return plan.ok ? ok(readPlan(plan.value, this)) : plan;
  }
}

function beyondTree(size: number, treeSize: number): Result<never, ProofError> {
  return err({ code: 'PROOF_SIZE_OUT_OF_RANGE', message: `size ${size} is beyond the tree size ${treeSize}` });
}
