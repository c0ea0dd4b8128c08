/**
 * An RFC 9162 compact range built in place, for hashing millions of leaves with nothing
 * allocated per leaf: level L keeps one 65-byte node input `0x01 ‖ left ‖ right`, and every
 * digest is written straight into the half of its parent's input where it belongs. A left
 * child waits there (it is on the range's border); a right child completes the parent, which is
 * hashed at once into the level above.
 *
 * A hasher started at a leaf index that is a multiple of 2^k computes, for its first 2^k
 * leaves, exactly the nodes of the whole tree's subtree there (RFC 9162 §2.1.1: MTH splits at
 * powers of two), so subtrees hashed apart (in other threads) combine by `pushHash` of their
 * roots into a hasher one level set higher, and any prefix's root by `foldBorder`.
 */
import * as hashing from './hashing';
import { Sha256 } from './sha256';

/**
 * Read once: an imported binding compiles (CommonJS) to a property read on every use, a measurable
 * share of the per-leaf loops.
 */
const { EMPTY_ROOT, HASH_SIZE } = hashing;

const NODE_PREFIX = 0x01;
const LEFT = 1;
const RIGHT = 1 + HASH_SIZE;

export class SubtreeHasher {
  private readonly levels: Uint8Array[] = [];
  private count = 0;

  constructor(private readonly sha: Sha256) {}

  get size(): number {
    return this.count;
  }

  /** Appends the leaf whose hash input (`0x00 ‖ entry`) is `input`. */
  pushLeaf(input: Uint8Array): void {
    const offset = this.place();
    const slot = this.level(0);
    this.sha.digestInto(input, slot, offset);
    this.carry(slot, offset);
  }

  /** Appends a hash already computed (a leaf hash, or the root of a subtree hashed apart). */
  pushHash(hash: Uint8Array): void {
    this.pushHashAt(hash, 0);
  }

  /** As `pushHash`, the hash being `bytes[from, from + 32)`. */
  pushHashAt(bytes: Uint8Array, from: number): void {
    const offset = this.place();
    const slot = this.level(0);
    for (let i = 0; i < HASH_SIZE; i++) slot[offset + i] = bytes[from + i];
    this.carry(slot, offset);
  }

  /**
   * Pushes `count` hashes, `bytes[from + 32·k, +32)`, as `pushHashAt` one by one would, but
   * level by level: each level's pairs, back to back as they arrive, hashed together in bulk
   * (`Sha256.digestPairs`).
   */
  pushRun(bytes: Uint8Array, from: number, count: number): void {
    const bulk = this.sha.digestPairs;
    if (bulk === undefined || count < 4) {
      for (let k = 0; k < count; k++) this.pushHashAt(bytes, from + HASH_SIZE * k);
      return;
    }
    let nodes = bytes;
    let at = from;
    let arriving = count;
    // The index, at each level, of the first node arriving there.
    let index = this.count;
    for (let level = 0; arriving > 0; level++, index = Math.floor(index / 2)) {
      const slot = this.level(level);
      const waiting = index % 2 === 1;
      const pairs = Math.floor((arriving + (waiting ? 1 : 0)) / 2);
      const parents = new Uint8Array(pairs * HASH_SIZE);
      // The border's node waiting here pairs with the first to arrive; the rest pair up in order.
      const first = waiting ? 1 : 0;
      if (waiting) {
        slot.set(nodes.subarray(at, at + HASH_SIZE), RIGHT);
        this.sha.digestInto(slot, parents, 0);
      }
      const paired = first + 2 * (pairs - first);
      if (pairs > first) bulk.call(this.sha, nodes, at + HASH_SIZE * first, pairs - first, parents, HASH_SIZE * first);
      // A node left over waits on the border for its right sibling.
      if (paired < arriving) slot.set(nodes.subarray(at + HASH_SIZE * paired, at + HASH_SIZE * (paired + 1)), LEFT);
      nodes = parents;
      at = 0;
      arriving = pairs;
    }
    this.count += count;
  }

  /** The compact range [0, size): the perfect subtrees' roots, largest first (copies). */
  border(): Uint8Array[] {
    const border: Uint8Array[] = [];
    for (let level = this.levels.length - 1, scale = 2 ** level; level >= 0; level--, scale /= 2) {
      if (Math.floor(this.count / scale) % 2 === 1) border.push(this.levels[level].slice(LEFT, RIGHT));
    }
    return border;
  }

  private level(level: number): Uint8Array {
    let slot = this.levels[level];
    if (slot === undefined) {
      slot = new Uint8Array(1 + 2 * HASH_SIZE);
      slot[0] = NODE_PREFIX;
      this.levels[level] = slot;
    }
    return slot;
  }

  /** Where in level 0's input the next leaf's hash goes (no tuple: this runs once per leaf). */
  private place(): number {
    return this.count % 2 === 1 ? RIGHT : LEFT;
  }

  /** After the digest of node (0, count) was written at `offset` of level 0: hash what it completes. */
  private carry(slot: Uint8Array, offset: number): void {
    let index = this.count;
    let level = 0;
    let input = slot;
    let right = offset === RIGHT;
    while (right) {
      index = (index - 1) / 2;
      level++;
      const parent = this.level(level);
      right = index % 2 === 1;
      this.sha.digestInto(input, parent, right ? RIGHT : LEFT);
      input = parent;
    }
    this.count++;
  }
}

/** MTH of a compact range (`border()`, or borders of adjacent ranges concatenated): folded right to left. */
export function foldBorder(sha: Sha256, border: readonly Uint8Array[]): Uint8Array {
  if (border.length === 0) return Uint8Array.from(EMPTY_ROOT);
  const input = new Uint8Array(1 + 2 * HASH_SIZE);
  input[0] = NODE_PREFIX;
  const root = Uint8Array.from(border[border.length - 1]);
  for (let i = border.length - 2; i >= 0; i--) {
    input.set(border[i], LEFT);
    input.set(root, RIGHT);
    sha.digestInto(input, root, 0);
  }
  return root;
}
