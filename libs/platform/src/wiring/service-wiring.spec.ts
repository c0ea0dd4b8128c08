import { clientCredentialsToken, serviceTokenOf } from './service-wiring';

describe('a service token for calls between services (client credentials, issue 16)', () => {
  function provider(expiresIn = 300) {
    const calls: { url: string; body?: string; authorization?: string }[] = [];
    let n = 0;
    const fetchFn = (async (url: URL | string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      calls.push({ url: String(url), body: init.body ? String(init.body) : undefined, authorization: headers.get('authorization') ?? undefined });
      if (String(url).endsWith('/.well-known/openid-configuration')) {
        return new Response(JSON.stringify({ token_endpoint: 'http://idp.test/oauth/token' }), { status: 200 });
      }
      n += 1;
      return new Response(JSON.stringify({ access_token: `token-${n}`, token_type: 'Bearer', expires_in: expiresIn }), { status: 200 });
    }) as unknown as typeof fetch;
    return { calls, fetchFn };
  }
  const client = { clientId: 'custos-custody', clientSecret: 's3cret' };

  it("asks the provider's discovered token endpoint with the client's credentials, the called service's audience and the scopes", async () => {
    const { calls, fetchFn } = provider();
    const token = clientCredentialsToken({
      issuer: 'http://idp.test/realms/custos/',
      client,
      audience: 'urn:custos:storage',
      scopes: ['custos:segments.read'],
      fetch: fetchFn,
    });
    expect(await Promise.all([token(), token()])).toEqual(['token-1', 'token-1']);
    expect(calls.map((c) => c.url)).toEqual(['http://idp.test/realms/custos/.well-known/openid-configuration', 'http://idp.test/oauth/token']);
    expect(Object.fromEntries(new URLSearchParams(calls[1].body))).toEqual({
      grant_type: 'client_credentials',
      resource: 'urn:custos:storage',
      audience: 'urn:custos:storage',
      scope: 'custos:segments.read',
    });
    expect(calls[1].authorization).toBe(`Basic ${Buffer.from('custos-custody:s3cret').toString('base64')}`);
  });

  it('reuses the token until shortly before it expires, then renews it (R3.1: short-lived tokens, no static one)', async () => {
    const { fetchFn } = provider(300);
    let now = 0;
    const token = clientCredentialsToken({ issuer: 'http://idp.test', client: { ...client, tokenUrl: 'http://idp.test/token' }, audience: 'a', fetch: fetchFn, now: () => now });
    expect(await token()).toBe('token-1');
    now = 269_000;
    expect(await token()).toBe('token-1');
    now = 271_000;
    expect(await token()).toBe('token-2');
  });

  it('keeps a development-issuer token 10 s at most in the embedded mode: a restarted registry signs with new keys', async () => {
    const { fetchFn } = provider(300);
    let now = 0;
    const token = serviceTokenOf({ embedded: true, issuer: 'http://127.0.0.1:3001', client, audience: 'urn:custos:registry', fetch: fetchFn, now: () => now });
    expect(await token()).toBe('token-1');
    now = 9_999;
    expect(await token()).toBe('token-1');
    now = 10_000;
    expect(await token()).toBe('token-2');
  });

  it('fails the call with the provider’s error when the client is refused, and asks again on the next call', async () => {
    let refuse = true;
    const fetchFn = (async () =>
      refuse
        ? new Response(JSON.stringify({ error: 'invalid_client' }), { status: 401 })
        : new Response(JSON.stringify({ access_token: 'good', expires_in: 60 }), { status: 200 })) as unknown as typeof fetch;
    const token = clientCredentialsToken({ issuer: 'http://x', client: { ...client, tokenUrl: 'http://x/token' }, audience: 'a', fetch: fetchFn });
    await expect(token()).rejects.toThrow(/answered 401 invalid_client for client custos-custody and audience a/);
    refuse = false;
    expect(await token()).toBe('good');
  });
});
