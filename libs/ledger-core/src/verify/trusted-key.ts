import { parseVerifierKey } from '../checkpoint/note-keys';
import { err, ok, Result } from '../result';
import { Divergence } from './divergence';

export interface VerifyOptions {
  /** The log's verifier key as the auditor knows it; the file's own key must equal it. */
  readonly trustedPublicKey?: string;
}

/**
 * A file's own key proves only that the file is self-consistent: a forger who rewrote the log
 * would re-sign it with a key of their own and ship that key alongside. Pinning closes that.
 */
export function checkPinnedKey(publicKey: string, options: VerifyOptions): Result<true, Divergence> {
  if (options.trustedPublicKey === undefined) return ok(true);
  const pinned = parseVerifierKey(options.trustedPublicKey);
  if (!pinned.ok) return err({ code: 'PUBLIC_KEY_MALFORMED', message: `trusted key: ${pinned.error.message}` });
  return publicKey === options.trustedPublicKey
    ? ok(true)
    : err({ code: 'PUBLIC_KEY_NOT_TRUSTED', message: `the file names key ${publicKey}, not the trusted key` });
}
