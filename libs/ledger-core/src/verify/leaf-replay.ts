/**
 * The replay at the heart of ledger-export verification, fed one leaf hash at a time so that
 * an export can be checked from memory or streamed from a file of any size in O(log n) memory.
 */
import { Checkpoint } from '../checkpoint/checkpoint';
import { EMPTY_ROOT, HASH_SIZE, hashesEqual, sha256String } from '../merkle/hashing';
import { err, ok, Result } from '../result';
import { Divergence } from './divergence';
import { CheckpointSource, describeSource } from './open-checkpoints';

export interface SourcedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly source: CheckpointSource;
}

/** How leaf hashes are spelled when pushed: 'binary' (latin1, one character per byte) or base64. */
export type HashSpelling = 'binary' | 'base64';

const NODE_PREFIX = 0x01;

/**
 * The signed checkpoints, in size order, compared as a replay reaches each size. The first
 * divergence wins, in index order: roots of checkpoints at size i are compared before leaf i
 * is looked at.
 */
export class CheckpointMatcher {
  private readonly bySize: SourcedCheckpoint[];
  private next = 0;
  private matchedSize = 0;

  constructor(checkpoints: readonly SourcedCheckpoint[]) {
    this.bySize = [...checkpoints].sort((a, b) => a.checkpoint.size - b.checkpoint.size);
  }

  /** The divergence of the checkpoints signed at `size` (sizes come in increasing order), if any. */
  compareAt(size: number, root: () => Uint8Array): Divergence | undefined {
    let computed: Uint8Array | undefined;
    while (this.next < this.bySize.length && this.bySize[this.next].checkpoint.size === size) {
      const { checkpoint, source } = this.bySize[this.next];
      computed ??= root();
      if (!hashesEqual(computed, checkpoint.rootHash)) {
        const entryRange = { from: this.matchedSize, to: checkpoint.size };
        const where = `the first divergence lies in entries ${entryRange.from}..${entryRange.to - 1}`;
        return 'trustedCheckpoint' in source
          ? {
              code: 'CHECKPOINT_INCONSISTENT',
              message: `the export does not extend the trusted checkpoint of size ${checkpoint.size}: history was rewritten; ${where}`,
              entryRange,
              ...source,
            }
          : {
              code: 'CHECKPOINT_ROOT_MISMATCH',
              message: `${describeSource(source)} (size ${checkpoint.size}) signs a root the entries do not produce; ${where}`,
              entryRange,
              ...source,
            };
      }
      this.matchedSize = checkpoint.size;
      this.next++;
    }
    return undefined;
  }

  /** Entry `index` does not hash to the leaf hash the export recorded for it. */
  static entryMismatch(index: number): Divergence {
    return {
      code: 'LEDGER_ENTRY_MISMATCH',
      message: `entry ${index} does not hash to the leaf hash recorded when it was appended`,
      entryIndex: index,
    };
  }
}

/**
 * Appends leaf hashes in order (RFC 9162 compact range) and, whenever the tree reaches the size
 * of a signed checkpoint, compares roots (see CheckpointMatcher).
 *
 * Hashes stay strings in `spelling` between digests (see `sha256String`); a node's input is
 * written into one reused buffer.
 */
export class LeafReplay {
  private readonly border: string[] = [];
  private count = 0;
  private readonly node = Buffer.allocUnsafe(1 + 2 * HASH_SIZE);
  private readonly matcher: CheckpointMatcher;

  constructor(
    checkpoints: readonly SourcedCheckpoint[],
    private readonly spelling: HashSpelling = 'binary',
  ) {
    this.matcher = new CheckpointMatcher(checkpoints);
    this.node[0] = NODE_PREFIX;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Leaf `size` with its hash; `recordedMatches` false when the export recorded another hash
   * for it at append time. Returns the first divergence, after which the replay is spent.
   */
  push(leafHash: string, recordedMatches = true): Divergence | undefined {
    const roots = this.matcher.compareAt(this.count, () => this.root());
    if (roots !== undefined) return roots;
    if (!recordedMatches) return CheckpointMatcher.entryMismatch(this.count);
    let hash = leafHash;
    for (let index = this.count; index % 2 === 1; index = (index - 1) / 2) {
      hash = this.nodeHash(this.border.pop() as string, hash);
    }
    this.border.push(hash);
    this.count++;
    return undefined;
  }

  /** Compares the checkpoints signed at the final size; the root of every leaf pushed. */
  finish(): Result<Buffer, Divergence> {
    const roots = this.matcher.compareAt(this.count, () => this.root());
    return roots === undefined ? ok(this.root()) : err(roots);
  }

  private nodeHash(left: string, right: string): string {
    this.node.write(left, 1, this.spelling);
    this.node.write(right, 1 + HASH_SIZE, this.spelling);
    return sha256String(this.node, this.spelling);
  }

  private root(): Buffer {
    if (this.border.length === 0) return Buffer.from(EMPTY_ROOT);
    let root = this.border[this.border.length - 1];
    for (let i = this.border.length - 2; i >= 0; i--) root = this.nodeHash(this.border[i], root);
    return Buffer.from(root, this.spelling);
  }
}
