import { createHmac, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { base64url, decodeProtectedHeader, SignJWT } from 'jose';
import request from 'supertest';
import {
  signInWithPkce,
  TEST_OIDC,
  TEST_OIDC_CLAIM_SETTINGS,
  testOidcIssuer,
  testServiceAudience,
  testServiceClient,
} from '@custos/testing';
import { authConfigFromEnv } from '../config/auth.config';
import type { InMemoryAccessDenialRecorder } from '../denials/in-memory-access-denial.recorder';
import type { AuthErrorCode } from '../errors/auth-error.catalogue';
import { startProbeApp } from '../testing/probe.app';

/** A service's token from the provider, by client credentials. */
async function clientCredentials(issuer: string, service: string, audience: string, scope?: string): Promise<string> {
  const { clientId, clientSecret } = testServiceClient(service);
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource: audience, ...(scope ? { scope } : {}) }).toString(),
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

const parts = (token: string) => {
  const [header, payload, signature] = token.split('.');
  return { header, payload: JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>, signature };
};

/**
 * The JWT attack corpus (token-refusals.spec.ts) against tokens of a REAL OpenID provider (the
 * harness's oidc-provider), verified as a service verifies them: by the documented
 * CUSTOS_AUTH_* settings alone, claims mapped from the provider's own names (R3.1, issue 16).
 */
describe("a real OpenID provider's tokens, verified by configuration alone (R3.1)", () => {
  let issuer: string;
  let app: INestApplication;
  let recorder: InMemoryAccessDenialRecorder;
  let officerToken: string;

  beforeAll(async () => {
    issuer = testOidcIssuer();
    const config = authConfigFromEnv({
      CUSTOS_AUTH_ISSUER: issuer,
      CUSTOS_AUTH_AUDIENCE: `${TEST_OIDC.apiResource},${testServiceAudience('registry')}`,
      CUSTOS_AUTH_JWKS_URL: `${issuer}/jwks`,
      ...TEST_OIDC_CLAIM_SETTINGS,
    });
    ({ app, recorder } = await startProbeApp(config));
    officerToken = (await signInWithPkce(issuer, 'officer.li')).accessToken;
  });
  afterAll(() => app?.close());
  beforeEach(() => recorder.clear());

  const call = (token: string | undefined, path = '/me') => {
    const r = request(app.getHttpServer()).get(path).set('x-correlation-id', 'corr-oidc');
    return token === undefined ? r : r.set('authorization', `Bearer ${token}`);
  };

  async function expectRefused(token: string, code: AuthErrorCode, status = 401): Promise<void> {
    const response = await call(token);
    expect([response.status, response.body.code]).toEqual([status, code]);
    expect(recorder.denials).toEqual([expect.objectContaining({ code, status, path: '/me', correlationId: 'corr-oidc', rule: 'R3.1' })]);
  }

  it("lets a person signed in with authorization code + PKCE in, with the roles, organisation, division and credential mapped from the provider's claims", async () => {
    const response = await call(officerToken).expect(200);
    expect(response.body).toEqual({
      subject: 'officer.li',
      personId: 'person-officer-li',
      organisationId: 'org-psb-yanta',
      organisationType: 'PUBLIC_SECURITY',
      divisionCode: '610113',
      // The provider's own realm roles (offline_access, default-roles-custos) are left out.
      roles: ['OFFICER'],
      credentialNumber: '61011300101',
    });
    expect(decodeProtectedHeader(officerToken)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
  });

  it("lets a service's client-credentials token for this service's own audience in, as role SERVICE", async () => {
    const token = await clientCredentials(issuer, 'storage', testServiceAudience('registry'));
    const response = await call(token).expect(200);
    expect(response.body).toMatchObject({ subject: 'custos-storage', personId: 'service-storage', roles: ['SERVICE'] });
  });

  it('refuses a person whose roles claim names no role Custos knows (an empty roles claim), coded and recorded', async () => {
    await expectRefused((await signInWithPkce(issuer, 'nobody.roles')).accessToken, 'CUSTOS_AUTH_CLAIMS_INVALID');
  });

  it("refuses a service's token for another service's audience with CUSTOS_AUTH_WRONG_AUDIENCE", async () => {
    await expectRefused(await clientCredentials(issuer, 'custody', testServiceAudience('storage')), 'CUSTOS_AUTH_WRONG_AUDIENCE');
  });

  it('refuses the provider token under another trusted issuer with CUSTOS_AUTH_WRONG_ISSUER', async () => {
    const elsewhere = await startProbeApp(
      authConfigFromEnv({ CUSTOS_AUTH_ISSUER: 'https://idp.elsewhere.test/realms/custos', CUSTOS_AUTH_AUDIENCE: TEST_OIDC.apiResource, CUSTOS_AUTH_JWKS_URL: `${issuer}/jwks`, ...TEST_OIDC_CLAIM_SETTINGS }),
    );
    try {
      const response = await request(elsewhere.app.getHttpServer()).get('/me').set('authorization', `Bearer ${officerToken}`);
      expect([response.status, response.body.code]).toEqual([401, 'CUSTOS_AUTH_WRONG_ISSUER']);
      expect(elsewhere.recorder.withCode('CUSTOS_AUTH_WRONG_ISSUER')).toHaveLength(1);
    } finally {
      await elsewhere.app.close();
    }
  });

  it("refuses the provider's claims signed by another key under the provider's key id with CUSTOS_AUTH_BAD_SIGNATURE", async () => {
    const { payload } = parts(officerToken);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new SignJWT({ ...payload, realm_access: { roles: ['REGISTRY_ADMIN'] } })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: decodeProtectedHeader(officerToken).kid })
      .sign(privateKey);
    await expectRefused(forged, 'CUSTOS_AUTH_BAD_SIGNATURE');
  });

  it('refuses the provider token re-headed as unsigned (alg: none) with CUSTOS_AUTH_ALGORITHM_REFUSED', async () => {
    const { payload } = parts(officerToken);
    const none = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url.encode(JSON.stringify(payload))}.`;
    await expectRefused(none, 'CUSTOS_AUTH_ALGORITHM_REFUSED');
  });

  it("refuses HS256 signed with the provider's public key as secret (algorithm confusion) with CUSTOS_AUTH_ALGORITHM_REFUSED", async () => {
    const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: (import('node:crypto').JsonWebKey & { kid: string })[] };
    const jwk = jwks.keys[0];
    const pem = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
    for (const secret of [pem, JSON.stringify(jwk)]) {
      recorder.clear();
      const header = base64url.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: jwk.kid }));
      const body = base64url.encode(JSON.stringify(parts(officerToken).payload));
      const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
      await expectRefused(`${header}.${body}.${signature}`, 'CUSTOS_AUTH_ALGORITHM_REFUSED');
    }
  });

  it("refuses the provider token with exp rewritten as a string (its signature no longer holds) with a coded 401", async () => {
    const { header, payload, signature } = parts(officerToken);
    const tampered = `${header}.${base64url.encode(JSON.stringify({ ...payload, exp: String(payload.exp) }))}.${signature}`;
    await expectRefused(tampered, 'CUSTOS_AUTH_BAD_SIGNATURE');
  });

  it('refuses an oversized provider token (10 kB of padding claims) with a coded 401, recorded', async () => {
    const { header, payload, signature } = parts(officerToken);
    const padded = `${header}.${base64url.encode(JSON.stringify({ ...payload, pad: 'x'.repeat(10_000) }))}.${signature}`;
    await expectRefused(padded, 'CUSTOS_AUTH_BAD_SIGNATURE');
  });

  it('refuses a request without a token, and a provider ID token (not meant for this API)', async () => {
    const missing = await call(undefined);
    expect([missing.status, missing.body.code]).toEqual([401, 'CUSTOS_AUTH_TOKEN_MISSING']);
    const { idToken } = await signInWithPkce(issuer, 'officer.li');
    if (idToken) {
      recorder.clear();
      await expectRefused(idToken, 'CUSTOS_AUTH_WRONG_AUDIENCE');
    }
  });
});
