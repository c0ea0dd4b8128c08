import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256, sha256Into } from '../../../../../../../libs/ledger-core/src/merkle/sha256-js';

const reference = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('the browser verifier’s SHA-256', () => {
  it('equals node:crypto for every length across the one- and two-block padding edges (0–300 bytes)', () => {
    for (let n = 0; n <= 300; n++) {
      const data = randomBytes(n);
      expect([n, hex(sha256(data))]).toEqual([n, reference(data)]);
    }
  });

  it('reads a Buffer view at an offset and writes the digest at an offset, as the verifier core calls it', () => {
    const backing = randomBytes(2000);
    const view = backing.subarray(17, 17 + 701);
    const out = new Uint8Array(40).fill(7);
    sha256Into(view, out, 5);
    expect(hex(out.subarray(5, 37))).toBe(reference(view));
    expect([...out.subarray(0, 5), ...out.subarray(37)]).toEqual([7, 7, 7, 7, 7, 7, 7, 7]);
  });
});
