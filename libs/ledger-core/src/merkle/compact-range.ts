import { EMPTY_ROOT, HASH_SIZE, nodeHash } from './hashing';
import { isTreeSize, NodeId, rootRanges } from './tree-shape';

/** A node that became complete by an append: what a store must persist to serve proofs. */
export interface CompletedNode extends NodeId {
  readonly hash: Buffer;
}

/**
 * The compact range [0, size): the perfect subtrees along the tree's right border, largest
 * first. It is all an appender needs (O(log n) memory): a new leaf merges with as many border
 * nodes as the old size has trailing one bits, so appends cost O(1) hashes amortised.
 */
export class CompactRange {
  private constructor(
    private count: number,
    private readonly border: Buffer[],
  ) {}

  static empty(): CompactRange {
    return new CompactRange(0, []);
  }

  /**
   * Resumes from storage: `hashes` are the nodes of `rootPlan(size).nodes`, in that order, so a
   * restarted ledger reads O(log n) rows instead of replaying the log.
   */
  static fromBorder(size: number, hashes: readonly Uint8Array[]): CompactRange {
    const expected = isTreeSize(size) && size > 0 ? rootRanges(size).nodes.length : 0;
    if (!isTreeSize(size) || hashes.length !== expected || hashes.some((h) => h.length !== HASH_SIZE)) {
      throw new RangeError(`a tree of size ${size} has ${expected} border hashes of ${HASH_SIZE} bytes`);
    }
    return new CompactRange(
      size,
      hashes.map((h) => Buffer.from(h)),
    );
  }

  get size(): number {
    return this.count;
  }

  /** Appends one leaf hash; returns every node completed by it, the leaf itself first. */
  append(leafHash: Uint8Array): CompletedNode[] {
    if (leafHash.length !== HASH_SIZE) throw new RangeError(`a leaf hash has ${HASH_SIZE} bytes`);
    let hash: Buffer = Buffer.from(leafHash);
    let index = this.count;
    let level = 0;
    const completed: CompletedNode[] = [{ level, index, hash }];
    while (index % 2 === 1) {
      hash = nodeHash(this.border.pop() as Buffer, hash);
      index = (index - 1) / 2;
      level++;
      completed.push({ level, index, hash });
    }
    // A copy: the returned nodes are the caller's to keep, and must not alias the border.
    this.border.push(Buffer.from(hash));
    this.count++;
    return completed;
  }

  /** MTH(D[0:size]): the border folded right to left. */
  root(): Buffer {
    if (this.border.length === 0) return Buffer.from(EMPTY_ROOT);
    let root = this.border[this.border.length - 1];
    for (let i = this.border.length - 2; i >= 0; i--) root = nodeHash(this.border[i], root);
    return root;
  }
}
