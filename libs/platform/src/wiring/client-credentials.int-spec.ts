import { decodeJwt } from 'jose';
import { testOidcIssuer, testServiceAudience, testServiceClient } from '@custos/testing';
import { clientCredentialsToken } from './service-wiring';

/**
 * The service token source against a REAL OpenID provider (the harness's oidc-provider): each
 * service's own client, a short-lived JWT for the called service's audience, cached and renewed
 * before it expires (issue 16: no static SERVICE_TOKEN, R3.1).
 */
describe('client credentials at a real OpenID provider (R3.1)', () => {
  let issuer: string;
  beforeAll(() => {
    issuer = testOidcIssuer();
  });

  it("gets a JWT of the service's own client for the called service's audience, with the scopes asked, and reuses it", async () => {
    let requests = 0;
    const counting = ((...args: Parameters<typeof fetch>) => {
      requests += 1;
      return fetch(...args);
    }) as typeof fetch;
    const token = clientCredentialsToken({
      issuer,
      client: testServiceClient('custody'),
      audience: testServiceAudience('storage'),
      scopes: ['custos:segments.read'],
      fetch: counting,
    });
    const [first, again] = await Promise.all([token(), token()]);
    expect(again).toBe(first);
    expect(requests).toBe(2); // discovery, then one token request for both callers
    const claims = decodeJwt(first);
    expect(claims).toMatchObject({ iss: issuer, aud: testServiceAudience('storage'), client_id: 'custos-custody', scope: 'custos:segments.read' });
    expect((claims.exp as number) - (claims.iat as number)).toBeLessThanOrEqual(300);
  });

  it('renews the token before it expires (a 4 s token is replaced after half its life)', async () => {
    const token = clientCredentialsToken({ issuer, client: testServiceClient('requests'), audience: 'urn:custos:short-lived' });
    const first = await token();
    expect((decodeJwt(first).exp as number) - (decodeJwt(first).iat as number)).toBe(4);
    expect(await token()).toBe(first);
    await new Promise((r) => setTimeout(r, 2100));
    const renewed = await token();
    expect(renewed).not.toBe(first);
    expect(decodeJwt(renewed).exp as number).toBeGreaterThan(decodeJwt(first).exp as number);
  });

  it("is refused a footage scope its client was not given, and a wrong secret (only custody reads segments)", async () => {
    await expect(
      clientCredentialsToken({ issuer, client: testServiceClient('storage'), audience: testServiceAudience('storage'), scopes: ['custos:segments.read'] })(),
    ).rejects.toThrow(/answered 400 invalid_scope/);
    await expect(
      clientCredentialsToken({ issuer, client: { ...testServiceClient('storage'), clientSecret: 'guessed' }, audience: testServiceAudience('registry') })(),
    ).rejects.toThrow(/answered 401 invalid_client/);
  });
});
