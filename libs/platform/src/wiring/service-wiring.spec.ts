import { devIssuerToken, serviceTokenOf } from './service-wiring';

describe('a service token for calls between services', () => {
  function issuer() {
    const calls: { url: string; body: unknown }[] = [];
    let n = 0;
    const fetchFn = (async (url: URL, init: RequestInit) => {
      calls.push({ url: String(url), body: JSON.parse(String(init.body)) });
      n += 1;
      return new Response(JSON.stringify({ access_token: `token-${n}`, token_type: 'Bearer', expires_in: 300 }), { status: 200 });
    }) as unknown as typeof fetch;
    return { calls, fetchFn };
  }

  it('asks the development issuer for the service user, and reuses the token until shortly before it expires', async () => {
    const { calls, fetchFn } = issuer();
    let now = 0;
    const token = devIssuerToken({
      issuer: 'http://127.0.0.1:3001',
      username: 'service.requests',
      maxAgeMs: Infinity,
      fetch: fetchFn,
      now: () => now,
    });
    expect(await Promise.all([token(), token()])).toEqual(['token-1', 'token-1']);
    now = 269_000;
    expect(await token()).toBe('token-1');
    now = 271_000;
    expect(await token()).toBe('token-2');
    expect(calls).toEqual([
      { url: 'http://127.0.0.1:3001/dev/token', body: { username: 'service.requests' } },
      { url: 'http://127.0.0.1:3001/dev/token', body: { username: 'service.requests' } },
    ]);
  });

  it('keeps a development-issuer token 10 s at most: a restarted registry signs with new keys and refuses older tokens', async () => {
    const { fetchFn } = issuer();
    let now = 0;
    const token = devIssuerToken({ issuer: 'http://127.0.0.1:3001', username: 'service.storage', fetch: fetchFn, now: () => now });
    expect(await token()).toBe('token-1');
    now = 9_999;
    expect(await token()).toBe('token-1');
    now = 10_000;
    expect(await token()).toBe('token-2');
  });

  it('fails when the development issuer refuses', async () => {
    const fetchFn = (async () => new Response('{}', { status: 400 })) as unknown as typeof fetch;
    await expect(devIssuerToken({ issuer: 'http://x', username: 'nobody', fetch: fetchFn })()).rejects.toThrow(/answered 400/);
  });

  it('outside the embedded mode presents SERVICE_TOKEN, and refuses the call when none is configured', async () => {
    const { calls, fetchFn } = issuer();
    expect(await serviceTokenOf({ embedded: false, issuer: 'http://x', username: 'service.requests', staticToken: 'configured', fetch: fetchFn })()).toBe('configured');
    await expect(serviceTokenOf({ embedded: false, issuer: 'http://x', username: 'service.requests', staticToken: '' })()).rejects.toThrow(/SERVICE_TOKEN/);
    expect(calls).toEqual([]);
  });
});
