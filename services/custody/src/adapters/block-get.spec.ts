import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { BLOCK_BYTES, blockGet } from './block-get';

/** Everything `body` gives, chunk by chunk. */
async function chunksOf(body: Readable): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return chunks;
}

describe('blockGet: a presigned object-store GET read straight into blocks (issue 22)', () => {
  const object = randomBytes(2 * BLOCK_BYTES + 123_457);
  /** How each request is answered; a real HTTP server on a local port. */
  let answer: (res: http.ServerResponse) => void;
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => answer(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  /** The object in writes of 64 KiB, as a store sends it, `upTo` bytes of it (then the connection is cut). */
  const sendObject = (res: http.ServerResponse, upTo = object.length) => {
    res.writeHead(200, { 'content-length': String(object.length), 'content-type': 'application/x-tar' });
    for (let at = 0; at < upTo; at += 64 * 1024) res.write(object.subarray(at, Math.min(at + 64 * 1024, upTo)));
    if (upTo === object.length) res.end();
    // Cut once what was written has left, as a store that fails mid-way does.
    else res.write('', () => res.socket?.destroy());
  };

  it('answers the status, the headers and exactly the body, in blocks of 1 MiB, not the 64 KiB reads', async () => {
    answer = (res) => sendObject(res);
    const got = await blockGet(new URL(`${base}/bucket/exports/x.tar?X-Amz-Signature=abc`), 5000);
    expect(got.statusCode).toBe(200);
    expect(got.headers).toMatchObject({ 'content-length': String(object.length), 'content-type': 'application/x-tar' });
    const chunks = await chunksOf(got.body);
    expect(chunks.map((c) => c.length)).toEqual([BLOCK_BYTES, BLOCK_BYTES, 123_457]);
    expect(Buffer.concat(chunks).equals(object)).toBe(true);
  });

  it('fails the body when the connection ends before Content-Length bytes', async () => {
    answer = (res) => sendObject(res, BLOCK_BYTES + 10_000);
    const got = await blockGet(new URL(`${base}/x`), 5000);
    await expect(chunksOf(got.body)).rejects.toThrow(/closed with \d+ body bytes unread/);
  });

  it('answers an error status with its own body, and refuses an answer without Content-Length', async () => {
    answer = (res) => res.writeHead(403, { 'content-length': '9' }).end('forbidden');
    const refused = await blockGet(new URL(`${base}/x`), 5000);
    expect(refused.statusCode).toBe(403);
    expect(Buffer.concat(await chunksOf(refused.body)).toString()).toBe('forbidden');

    answer = (res) => {
      res.writeHead(200, { 'content-type': 'application/x-tar' });
      res.end('chunked');
    };
    await expect(blockGet(new URL(`${base}/x`), 5000)).rejects.toThrow(/without status or Content-Length/);
  });

  it('gives up waiting for the head after the timeout, and reads http: only', async () => {
    answer = () => undefined;
    await expect(blockGet(new URL(`${base}/x`), 200)).rejects.toThrow(/no answer .* within 200 ms/);
    await expect(blockGet(new URL('https://127.0.0.1/x'), 200)).rejects.toThrow(/http: only/);
  });
});
