import http from 'node:http';
import { AddressInfo } from 'node:net';
import { RateLimiter, shareAnonymousRateLimiter } from '@custos/platform';
import { Pool } from 'pg';
import { CheckpointRecords } from '../../domain/checkpoint-records.port';
import { LedgerTiles } from './ledger-tiles';
import { TileFastPath } from './tile-fast-path';

/** Tiles over a pool holding `stored` leaves' hashes (all 0x01), counting queries. */
function tilesHolding(stored: number): LedgerTiles {
  const query = async (q: { values: number[] }) => {
    const [, from, to] = q.values;
    const n = Math.max(0, Math.min(to, stored) - from);
    return { rows: [{ n, bytes: Buffer.alloc(n * 32, 1) }] };
  };
  return new LedgerTiles({ query } as unknown as Pool, {} as CheckpointRecords);
}

/** A fast path whose cache holds full tile 0/001, and which Nest has routed a tile to under `prefix`. */
async function fastPathHoldingTile(prefix: string): Promise<TileFastPath> {
  const tiles = tilesHolding(1000);
  const fastPath = new TileFastPath(tiles);
  await tiles.servedHashTile({ level: 0, index: 1, width: 256 });
  fastPath.routed(`${prefix}/v1/ledger/tlog/tile/0/001`);
  return fastPath;
}

/**
 * A real HTTP server whose own handler stands for Express (it answers 418 and counts), with the
 * fast path in front of it, as `LedgerModule` installs it.
 */
async function serve(fastPath: TileFastPath, limiter?: RateLimiter) {
  let behind = 0;
  const server = http.createServer((_req, res) => {
    behind++;
    res.writeHead(418).end();
  });
  if (limiter) shareAnonymousRateLimiter(server, limiter);
  fastPath.install(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    get: (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers }),
    behind: () => behind,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('the cached tiles fast path', () => {
  const FULL = '/v1/ledger/tlog/tile/0/001';

  it('answers a cached public hash tile before the application, immutable, with an ETag and 304 on a match', async () => {
    const fastPath = await fastPathHoldingTile('');
    const server = await serve(fastPath);
    try {
      const res = await server.get(FULL);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.alloc(8192, 1));
      const etag = res.headers.get('etag') as string;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
      const again = await server.get(FULL, { 'If-None-Match': etag });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(server.behind()).toBe(0);
      expect(fastPath.served).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('leaves to the application a miss, a bundle, a token, a query, another method and a prefix Nest never routed', async () => {
    const fastPath = await fastPathHoldingTile('/v1');
    const server = await serve(fastPath);
    try {
      expect((await server.get(`/v1${FULL}`)).status).toBe(200);
      const passed = [
        await server.get('/v1/ledger/tlog/tile/0/002'),
        await server.get('/v1/ledger/tlog/tile/entries/001'),
        await server.get(`/v1${FULL}`, { Authorization: 'Bearer x' }),
        await server.get(`/v1${FULL}?x=1`),
        await fetch(`${(await server.get('/')).url}v1${FULL}`, { method: 'HEAD' }),
        await server.get(FULL),
        await server.get(`/other${FULL}`),
      ];
      expect(passed.map((r) => r.status)).toEqual(Array(7).fill(418));
    } finally {
      await server.close();
    }
  });

  it("spends from the application's anonymous allowance and leaves a source past it to the application's 429 (issue 16)", async () => {
    const fastPath = await fastPathHoldingTile('');
    const limiter = new RateLimiter(2);
    const server = await serve(fastPath, limiter);
    try {
      const statuses = [];
      for (let k = 0; k < 3; k++) statuses.push((await server.get(FULL)).status);
      expect(statuses).toEqual([200, 200, 418]);
      expect(limiter.peek('127.0.0.1').allowed).toBe(false);
    } finally {
      await server.close();
    }
  });
});
