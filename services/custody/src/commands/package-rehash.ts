import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { custodyErrors, err, ok, Result } from '@custos/domain';
import { FootageSource } from '../domain/footage-source.port';

export interface StoredPackageDigest {
  readonly sha256: string;
  readonly bytes: number;
  /** SHA-256(nonce ‖ bytes), when a challenge nonce was given. */
  readonly challengeResponse?: string;
}

/**
 * Custody's own re-hash of the package as storage holds it (R18.5): streamed through once,
 * hashed plainly and, for a challenge, keyed with its nonce, never held in memory. Storage's
 * own claim of the hash (a response header) is not used: the comparison is with the hash
 * recorded at export. Storage failing to supply the package is refused (a 502), and nothing is decided.
 */
export async function rehashStoredPackage(footage: FootageSource, evidenceItemId: string, exportId: string, nonce?: string): Promise<Result<StoredPackageDigest>> {
  const plain = createHash('sha256');
  const keyed = nonce === undefined ? undefined : createHash('sha256').update(nonce, 'utf8');
  let bytes = 0;
  try {
    const pkg = await footage.readPackage(exportId);
    await pipeline(
      pkg.body,
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          plain.update(chunk);
          keyed?.update(chunk);
          bytes += chunk.length;
          done();
        },
      }),
    );
  } catch {
    return err(custodyErrors.storedPackageUnreadable(evidenceItemId, exportId));
  }
  return ok({ sha256: plain.digest('hex'), bytes, ...(keyed ? { challengeResponse: keyed.digest('hex') } : {}) });
}
