import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWK, JWTHeaderParameters, JWTPayload, KeyLike, SignJWT } from 'jose';
import type { AuthConfig } from '../config/auth.config';
import type { Principal } from '../principal/principal';
import { principalToClaims } from '../principal/principal.claims';

export const TEST_ISSUER_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;
export type TestIssuerAlgorithm = (typeof TEST_ISSUER_ALGORITHMS)[number];

export interface TestSignOptions {
  /** Which of the issuer's keys signs; RS256 when absent. */
  readonly alg?: TestIssuerAlgorithm;
  /** Sign with another private key while keeping the header (a forgery under a known kid). */
  readonly privateKey?: KeyLike;
  readonly header?: Partial<JWTHeaderParameters>;
}

export interface TestIssuer {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
  /** The issuer's public JWK of an algorithm, as served. */
  publicJwk(alg: TestIssuerAlgorithm): JWK;
  /** An AuthConfig that trusts this issuer. */
  authConfig(overrides?: Partial<AuthConfig>): AuthConfig;
  /** Signs exactly the given claims (nothing is added). */
  sign(claims: JWTPayload, options?: TestSignOptions): Promise<string>;
  /** A valid token for the principal: iss, aud, iat, nbf and a 5-minute exp added. */
  tokenFor(principal: Principal, claims?: JWTPayload, options?: TestSignOptions): Promise<string>;
  close(): Promise<void>;
}

interface IssuerKey {
  readonly privateKey: KeyLike;
  readonly publicJwk: JWK;
}

async function keyFor(alg: TestIssuerAlgorithm): Promise<IssuerKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg, alg === 'EdDSA' ? { crv: 'Ed25519' } : undefined);
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid: `test-${alg}`, alg, use: 'sig' } };
}

/**
 * A throw-away OIDC issuer for tests of any service: one key per algorithm, its JWKS served on
 * a loopback port. No infrastructure is needed; close() it after the suite.
 */
export async function startTestIssuer(options: { issuer?: string; audience?: string } = {}): Promise<TestIssuer> {
  const keys = new Map<TestIssuerAlgorithm, IssuerKey>();
  for (const alg of TEST_ISSUER_ALGORITHMS) keys.set(alg, await keyFor(alg));
  const jwks = JSON.stringify({ keys: [...keys.values()].map((key) => key.publicJwk) });

  const server: Server = createServer((request, response) => {
    if (request.url === '/jwks.json') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const issuer = options.issuer ?? 'https://issuer.test/realms/custos';
  const audience = options.audience ?? 'custos-api';
  const jwksUrl = `http://127.0.0.1:${port}/jwks.json`;
  const keyOf = (alg: TestIssuerAlgorithm): IssuerKey => keys.get(alg) as IssuerKey;

  const sign = (claims: JWTPayload, signOptions: TestSignOptions = {}): Promise<string> => {
    const alg = signOptions.alg ?? 'RS256';
    const key = keyOf(alg);
    return new SignJWT(claims)
      .setProtectedHeader({ alg, kid: key.publicJwk.kid, typ: 'JWT', ...signOptions.header })
      .sign(signOptions.privateKey ?? key.privateKey);
  };

  return {
    issuer,
    audience,
    jwksUrl,
    publicJwk: (alg) => keyOf(alg).publicJwk,
    authConfig: (overrides = {}) => ({ issuer, audience, jwksUrl, ...overrides }),
    sign,
    tokenFor: (principal, claims = {}, signOptions) => {
      const now = Math.floor(Date.now() / 1000);
      return sign(
        { ...principalToClaims(principal), iss: issuer, aud: audience, iat: now, nbf: now, exp: now + 300, ...claims },
        signOptions,
      );
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
