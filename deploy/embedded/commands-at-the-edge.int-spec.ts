import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { RunningServices, startEmbeddedServices } from './embedded-services.test-support';

/**
 * The requests service as `npm start` runs it (its root module, so the wiring every service
 * shares is what is tested): a client retrying `POST /requests` with its Idempotency-Key files
 * one request, and a registry that fails is a coded 502/503 with nothing recorded (issue 14).
 */
describe('commands at the edge: retries and failing neighbours (issue 14)', () => {
  let stack: RunningServices;
  let broken: RunningServices;
  let failingRegistry: http.Server;

  const aRequest = (caseReference: string) => ({
    kind: 'VIEW',
    caseReference,
    purpose: 'identify the suspect of a theft at the east entrance',
    cameraIds: ['cam-mall-main-entrance'],
    window: { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() - 60_000).toISOString() },
  });
  const filed = async (s: RunningServices) =>
    Number((await s.services.get('requests')!.pool.query(`SELECT count(*) AS n FROM es_events WHERE type = 'requests.RequestFiled'`)).rows[0].n);
  const post = async (s: RunningServices, body: object, headers: Record<string, string> = {}) =>
    request(s.services.get('requests')!.app.getHttpServer())
      .post('/v1/requests')
      .set({ authorization: `Bearer ${await stack.tokenOf('officer.li')}`, ...headers })
      .send(body);

  beforeAll(async () => {
    stack = await startEmbeddedServices('edge', ['registry', 'requests']);
    failingRegistry = http.createServer((_req, res) => res.writeHead(500).end('{"statusCode":500}'));
    await new Promise<void>((resolve) => failingRegistry.listen(0, '127.0.0.1', resolve));
    const registryUrl = stack.services.get('registry')!.url;
    broken = await startEmbeddedServices('edge-broken', ['requests'], {
      requests: {
        REGISTRY_URL: `http://127.0.0.1:${(failingRegistry.address() as AddressInfo).port}`,
        CUSTOS_AUTH_ISSUER: registryUrl,
        CUSTOS_AUTH_JWKS_URL: `${registryUrl}/.well-known/jwks.json`,
      },
    });
  });

  afterAll(async () => {
    await broken?.close();
    await stack?.close();
    await new Promise((resolve) => failingRegistry?.close(resolve));
  });

  it('files one request for POST /requests sent twice with one Idempotency-Key', async () => {
    const before = await filed(stack);
    const body = aRequest('XA-2026-0101');
    const first = await post(stack, body, { 'idempotency-key': 'client-retry-0101' });
    const retry = await post(stack, body, { 'idempotency-key': 'client-retry-0101' });
    expect(first.status).toBe(201);
    expect({ status: retry.status, body: retry.body }).toEqual({ status: first.status, body: first.body });
    expect(await filed(stack)).toBe(before + 1);
  });

  it('refuses the key with another body (409 CUSTOS_INPUT_IDEMPOTENCY_KEY_REUSED), recording nothing', async () => {
    expect((await post(stack, aRequest('XA-2026-0102'), { 'idempotency-key': 'client-retry-0102' })).status).toBe(201);
    const events = await stack.eventCount('requests');
    const other = await post(stack, aRequest('XA-2026-0999'), { 'idempotency-key': 'client-retry-0102' });
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 409, code: 'CUSTOS_INPUT_IDEMPOTENCY_KEY_REUSED' });
    expect(await stack.eventCount('requests')).toBe(events);
  });

  it("answers a registry's 500 with 502 CUSTOS_DOWNSTREAM_FAILED, not a 500, and files nothing", async () => {
    const events = await broken.eventCount('requests');
    const res = await post(broken, aRequest('XA-2026-0103'));
    expect({ status: res.status, code: res.body.code, service: res.body.details?.service }).toEqual({
      status: 502,
      code: 'CUSTOS_DOWNSTREAM_FAILED',
      service: 'registry',
    });
    expect(await broken.eventCount('requests')).toBe(events);
  });
});
