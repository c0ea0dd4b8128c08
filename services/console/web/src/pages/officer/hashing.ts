import { createSHA256 } from 'hash-wasm';

/** What the hashing reads: a File, or any Blob (tests pass Blobs). */
export type Hashable = Pick<Blob, 'size' | 'stream'>;

export type Progress = (hashedBytes: number, totalBytes: number) => void;

/**
 * SHA-256 of `prefix` (bytes, then) the whole file, read as a stream in the browser: the file is
 * never held in memory whole, so a multi-gigabyte package hashes in constant memory (R18.5).
 * The hash is computed from the bytes the officer holds, never typed in.
 */
export async function sha256Hex(file: Hashable, options: { prefix?: Uint8Array; onProgress?: Progress; signal?: AbortSignal } = {}): Promise<string> {
  const hasher = await createSHA256();
  hasher.init();
  if (options.prefix) hasher.update(options.prefix);
  const reader = file.stream().getReader();
  let hashed = 0;
  options.onProgress?.(0, file.size);
  for (;;) {
    if (options.signal?.aborted) {
      await reader.cancel();
      throw new DOMException('hashing aborted', 'AbortError');
    }
    const { done, value } = await reader.read();
    if (done) break;
    hasher.update(value);
    hashed += value.byteLength;
    options.onProgress?.(hashed, file.size);
  }
  return hasher.digest('hex');
}

/**
 * The answer to custody's integrity challenge (R18.5): hex SHA-256 of the nonce, as its 64 ASCII
 * hex characters, followed by the bytes of the officer's copy. Custody computes the same over the
 * stored package, so a match proves the copy without the officer ever being told the hash.
 */
export function integrityResponse(nonce: string, file: Hashable, options: { onProgress?: Progress; signal?: AbortSignal } = {}): Promise<string> {
  if (!/^[0-9a-f]{64}$/.test(nonce)) throw new Error('the challenge nonce must be 64 lowercase hex characters');
  return sha256Hex(file, { ...options, prefix: new TextEncoder().encode(nonce) });
}
