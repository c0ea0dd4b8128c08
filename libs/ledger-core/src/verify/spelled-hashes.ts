/**
 * Recorded leaf hashes compared with the leaves' own as text, many at once: the leaves' hashes
 * spelled as the ledger's writer spells the array's elements (`,"` + 44 base64 characters + `"`)
 * and compared with the file's bytes in one native comparison, instead of decoding each recorded
 * hash. Any other text there (spacing, escapes, another hash, a misspelling) fails the whole
 * comparison; the caller then reads those elements one by one, which names the first that differs.
 */
import { encodeBase64HashInto } from '../encoding/base64';
import { HASH_SIZE } from '../merkle/hashing';
import { ByteCursor } from './json-scan';
import { BASE64_HASH_LENGTH } from './ledger-export';

/** A recorded leaf hash as the ledger writes it after the first: `,"` + 44 characters + `"`. */
export const HASH_ELEMENT_BYTES = BASE64_HASH_LENGTH + 3;

/** Hashes compared at once, at most: the text of a run is 47 KiB. */
const RUN_HASHES = 1024;

const COMMA = 0x2c;
const QUOTE = 0x22;

export class SpelledHashes {
  private readonly spelled = Buffer.allocUnsafe(HASH_ELEMENT_BYTES * RUN_HASHES);

  /**
   * Steps over the next elements of a recorded hashes array at the cursor (`first`: the array's
   * first, with no comma before it) when they are the hashes at `from` + 32·k in `hashes`, for
   * up to `count` of them, spelled as the ledger writes them. Returns n > 0 when the next n are
   * (the cursor after them); −n when the n compared are not all (the cursor unmoved: the caller
   * reads them one by one); 0 when the window holds not one whole element after the cursor.
   */
  skip(cursor: ByteCursor, hashes: Uint8Array, from: number, count: number, first: boolean): number {
    const skip = first ? 1 : 0;
    const run = Math.min(count, RUN_HASHES, Math.floor((cursor.bytesAhead() + skip) / HASH_ELEMENT_BYTES));
    if (run <= 0) return 0;
    const out = this.spelled;
    for (let k = 0, o = 0; k < run; k++, o += HASH_ELEMENT_BYTES) {
      out[o] = COMMA;
      out[o + 1] = QUOTE;
      encodeBase64HashInto(hashes, from + HASH_SIZE * k, out, o + 2);
      out[o + 2 + BASE64_HASH_LENGTH] = QUOTE;
    }
    return cursor.skipIfNext(out, skip, HASH_ELEMENT_BYTES * run) ? run : -run;
  }
}
