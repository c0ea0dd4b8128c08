import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { ConsoleGateway, startConsoleGateway } from './gateway';

describe('console gateway (one origin for the web app and the six APIs)', () => {
  let upstream: http.Server;
  let seen: http.IncomingHttpHeaders[];
  let gateway: ConsoleGateway;
  const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-console-web-'));

  beforeAll(async () => {
    fs.mkdirSync(path.join(webRoot, 'assets'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.writeFileSync(path.join(webRoot, 'assets', 'index-abc123.js'), 'console.log(1)');
    seen = [];
    upstream = http.createServer((req, res) => {
      seen.push(req.headers);
      if (req.url?.startsWith('/v1/footage')) {
        res.writeHead(206, { 'Content-Range': 'bytes 0-3/10', 'Accept-Ranges': 'bytes', 'X-Upstream': 'yes' });
        return res.end('0123');
      }
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.writeHead(201, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, url: req.url, body }));
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const up = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    gateway = await startConsoleGateway({
      webRoot,
      upstreams: { registry: up, storage: up },
      client: { mode: 'embedded', timeZone: 'Asia/Shanghai' },
      port: 0,
    });
  });

  afterAll(async () => {
    await gateway.close();
    await new Promise((r) => upstream.close(r));
    fs.rmSync(webRoot, { recursive: true, force: true });
  });

  it('serves index.html for any page path (history routing) and never caches it', async () => {
    for (const page of ['/', '/officer/requests/42']) {
      const r = await fetch(`${gateway.url}${page}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('cache-control')).toBe('no-cache');
      expect(await r.text()).toContain('id="root"');
    }
  });

  it('caches hashed assets forever and answers 404 for a missing asset or a path outside the app', async () => {
    const asset = await fetch(`${gateway.url}/assets/index-abc123.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${gateway.url}/assets/gone-000.js`)).status).toBe(404);
    const escape = await fetch(`${gateway.url}/assets/..%2f..%2f..%2f..%2fetc%2fpasswd`);
    expect(escape.status).toBe(404);
    expect(await escape.text()).not.toContain('root:');
  });

  it('serves the sign-in configuration', async () => {
    const r = await fetch(`${gateway.url}/console-config.json`);
    expect(await r.json()).toEqual({ mode: 'embedded', timeZone: 'Asia/Shanghai' });
  });

  it('passes a request with its body, query, bearer token and correlation id to the service', async () => {
    const r = await fetch(`${gateway.url}/api/registry/v1/officers?page=2`, {
      method: 'POST',
      headers: { Authorization: 'Bearer t0k', 'X-Correlation-Id': 'corr-1', 'Accept-Language': 'zh-CN' },
      body: '{"a":1}',
    });
    expect(r.status).toBe(201);
    expect(await r.json()).toEqual({ method: 'POST', url: '/v1/officers?page=2', body: '{"a":1}' });
    const headers = seen.at(-1)!;
    expect(headers).toEqual(
      expect.objectContaining({
        authorization: 'Bearer t0k',
        'x-correlation-id': 'corr-1',
        'accept-language': 'zh-CN',
      }),
    );
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('adds a correlation id when the browser sent none, and keeps range requests intact', async () => {
    const r = await fetch(`${gateway.url}/api/storage/v1/footage/1`, { headers: { Range: 'bytes=0-3' } });
    expect(r.status).toBe(206);
    expect(r.headers.get('content-range')).toBe('bytes 0-3/10');
    expect(r.headers.get('x-upstream')).toBe('yes');
    expect(await r.text()).toBe('0123');
    expect(seen.at(-1)).toEqual(
      expect.objectContaining({ range: 'bytes=0-3', 'x-correlation-id': expect.any(String) }),
    );
  });

  it('answers an unknown service with 404 and a stable code', async () => {
    const r = await fetch(`${gateway.url}/api/nothing/x`);
    expect(r.status).toBe(404);
    expect(((await r.json()) as { code: string }).code).toBe('CUSTOS_CONSOLE_UNKNOWN_SERVICE');
  });
});
