// @vitest-environment node
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { integrityResponse, sha256Hex } from './hashing';

const nodeSha256 = (...parts: (Buffer | string)[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

/** A Blob whose stream arrives in many small chunks, as a large File's does. */
function chunkedBlob(bytes: Buffer, chunk = 64 * 1024): Blob {
  const parts: ArrayBuffer[] = [];
  for (let at = 0; at < bytes.length; at += chunk) parts.push(new Uint8Array(bytes.subarray(at, at + chunk)).slice().buffer);
  return new Blob(parts);
}

describe('hashing the file the officer holds, in the browser (R18.5)', () => {
  it('computes the SHA-256 of a multi-chunk file as Node does, reporting progress to the last byte', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const seen: number[] = [];
    const hex = await sha256Hex(chunkedBlob(bytes), { onProgress: (done) => seen.push(done) });
    expect(hex).toBe(nodeSha256(bytes));
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(bytes.length);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('hashes an empty file to the SHA-256 of nothing', async () => {
    expect(await sha256Hex(new Blob([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it("answers the integrity challenge as SHA-256 of the nonce's 64 ASCII hex characters followed by the file, as custody checks it", async () => {
    const nonce = randomBytes(32).toString('hex');
    const bytes = Buffer.from('custos-export/1 '.repeat(5000));
    expect(await integrityResponse(nonce, chunkedBlob(bytes, 1000))).toBe(nodeSha256(Buffer.from(nonce, 'utf8'), bytes));
    expect(await integrityResponse(nonce, chunkedBlob(bytes, 1000))).not.toBe(nodeSha256(bytes));
  });

  it('refuses a nonce that is not 64 lowercase hex characters rather than answer wrongly', () => {
    expect(() => integrityResponse('ABC', new Blob(['x']))).toThrow(/64 lowercase hex/);
  });

  it('stops when the officer cancels', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(sha256Hex(new Blob(['x']), { signal: controller.signal })).rejects.toThrow(/aborted/);
  });
});
