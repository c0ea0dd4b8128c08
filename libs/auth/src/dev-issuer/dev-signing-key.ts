import { calculateJwkThumbprint, exportJWK, generateKeyPair, JWK, KeyLike } from 'jose';
import type { DevIssuerAlgorithm } from './dev-issuer.config';

export interface DevSigningKey {
  readonly kid: string;
  readonly algorithm: DevIssuerAlgorithm;
  readonly privateKey: KeyLike;
  /** The public half only, as served in the JWKS. */
  readonly publicJwk: JWK;
}

/**
 * A fresh key pair per start, held in memory only: no dev key is ever stored in the repository
 * or on disk, so a leaked checkout cannot mint tokens, and restarting invalidates old tokens.
 */
export async function generateDevSigningKey(algorithm: DevIssuerAlgorithm): Promise<DevSigningKey> {
  const { publicKey, privateKey } =
    algorithm === 'EdDSA' ? await generateKeyPair('EdDSA', { crv: 'Ed25519' }) : await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, algorithm, privateKey, publicJwk: { ...jwk, kid, alg: algorithm, use: 'sig' } };
}
