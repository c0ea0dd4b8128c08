import { nodeHash } from './hashing';

/**
 * Reads stored hashes of complete perfect subtrees: `readNode(level, index)` is the hash over
 * leaves [index·2^level, (index+1)·2^level). A Postgres ledger implements it as a lookup on
 * (level, index); proofs and roots then cost O(log n) reads instead of rehashing the log.
 * Callers only ask for subtrees that are complete at the size they work on.
 *
 * An object rather than a bare function, so that a leaf-hash getter `(index) => hash` can
 * never be passed where a node reader is meant: both would type-check as functions.
 */
export interface HashReader {
  readNode(level: number, index: number): Buffer;
}

/**
 * A reader over plain leaf hashes that rehashes each subtree on demand: O(2^level) per read,
 * so a proof costs O(n). For callers that hold leaf hashes and no stored nodes.
 */
export function leafHashesReader(leaves: readonly Uint8Array[] | ((index: number) => Uint8Array)): HashReader {
  const leafAt = typeof leaves === 'function' ? leaves : (index: number) => leaves[index];
  const readNode = (level: number, index: number): Buffer =>
    level === 0
      ? Buffer.from(leafAt(index))
      : nodeHash(readNode(level - 1, 2 * index), readNode(level - 1, 2 * index + 1));
  return { readNode };
}
