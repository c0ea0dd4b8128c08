import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { ConsoleGateway, startConsoleGateway } from './gateway';

const token = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;
const OFFICER = token({ 'custos:person': 'p-li', 'custos:org': 'org-a', 'custos:roles': ['OFFICER'] });

/** Reads server-sent events from a fetch body until `n` have arrived. */
async function events(res: Response, n: number): Promise<{ event: string; data: unknown }[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const out: { event: string; data: unknown }[] = [];
  while (out.length < n) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = text.indexOf('\n\n')) >= 0) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) out.push({ event, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return out;
}

describe('the console gateway’s inbox stream (issue 18: counts pushed to the open console)', () => {
  let upstream: http.Server;
  let gateway: ConsoleGateway;
  let waiting = 1;
  let refuse = false;
  const seenAuth: string[] = [];

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      seenAuth.push(String(req.headers.authorization));
      if (refuse) {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        return res.end('{"statusCode":401}');
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (req.url?.startsWith('/v1/requests/awaiting-co-signature')) return res.end(JSON.stringify({ items: Array.from({ length: waiting }, () => ({})) }));
      if (req.url === '/v1/evidence-items?limit=200') {
        return res.end(JSON.stringify({ items: [{ status: 'HANDED_OVER', holderOrganisationId: 'org-a' }, { status: 'IN_CUSTODY', holderOrganisationId: 'org-a' }, { status: 'PREPARED', pendingTransfer: { toOrganisationId: 'org-a' } }] }));
      }
      res.end('{}');
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const up = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    gateway = await startConsoleGateway({
      webRoot: os.tmpdir(),
      upstreams: { requests: up, custody: up, approvals: up },
      client: { mode: 'embedded' },
      port: 0,
      inboxPollMs: 50,
    });
  });

  afterAll(async () => {
    await gateway.close();
    await new Promise((r) => upstream.close(r));
  });

  it('refuses a stream without a bearer token with 401 and a code', async () => {
    const res = await fetch(`${gateway.url}/api/inbox/stream`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('CUSTOS_CONSOLE_INBOX_UNAUTHENTICATED');
  });

  it("pushes the officer's counts at once, asked with the officer's own token, and again when one changes", async () => {
    waiting = 1;
    const res = await fetch(`${gateway.url}/api/inbox/stream`, { headers: { authorization: `Bearer ${OFFICER}` } });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const first = events(res, 2);
    await new Promise((r) => setTimeout(r, 150));
    waiting = 3;
    const got = await first;
    // A head's and an owner's counts are not an officer's: null, and never asked for.
    expect(got).toEqual([
      { event: 'counts', data: { coSign: 1, approval: null, fulfilment: null, receipt: 2, escalated: null } },
      { event: 'counts', data: { coSign: 3, approval: null, fulfilment: null, receipt: 2, escalated: null } },
    ]);
    expect(new Set(seenAuth)).toEqual(new Set([`Bearer ${OFFICER}`]));
  });

  it('ends the stream with "unauthorized" once the services refuse the token', async () => {
    refuse = true;
    try {
      const res = await fetch(`${gateway.url}/api/inbox/stream`, { headers: { authorization: `Bearer ${OFFICER}` } });
      expect(await events(res, 2)).toEqual([{ event: 'unauthorized', data: { status: 401 } }]);
    } finally {
      refuse = false;
    }
  });
});
