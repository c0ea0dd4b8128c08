import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runWithRequestContext } from '../logging/request-context';
import { getJson } from './http-json';

describe('getJson (service-to-service reads)', () => {
  let server: http.Server;
  let baseUrl: string;
  const seen: http.IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/registry`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (seen.length = 0));

  const options = () => ({ baseUrl, serviceToken: async () => 'service-token' });

  it("forwards the request's correlation id, so that the other service's log lines join this one's", async () => {
    const answer = await runWithRequestContext({ correlationId: 'corr-42', service: 'custody' }, () =>
      getJson<{ ok: boolean }>(options(), 'registry', '/facts'),
    );
    expect(answer).toEqual({ ok: true });
    expect(seen[0]).toMatchObject({ 'x-correlation-id': 'corr-42', authorization: 'Bearer service-token' });
  });

  it('sends no correlation header for work no request caused', async () => {
    await getJson(options(), 'registry', '/facts');
    expect(seen[0]).not.toHaveProperty('x-correlation-id');
  });
});
