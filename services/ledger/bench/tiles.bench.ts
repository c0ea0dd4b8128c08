/**
 * Part of `npm run bench:ledger` (phase `tiles`): C2SP tile reads over HTTP from the service's
 * tile cache, against three baselines of the same run: a Buffer answered from memory by a bare
 * Node HTTP server (no framework at all), the same by a plain Express route on the service's
 * server (its middleware, no Nest routing, no cache lookup), and a single-row primary-key read
 * from Postgres (no HTTP at all). Proofs from cached tiles beside them.
 */
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { AuthModule, startTestIssuer } from '@custos/auth';
import { KafkaTransport } from '@custos/eventstore';
import { generateNoteKeys, TILE_WIDTH, tilePath } from '@custos/ledger-core';
import { apiPath, CommonConfig, configureApp } from '@custos/platform';
import { createTestDatabase, databaseUrlAs, testDatabaseRoles } from '@custos/testing';
import type { Request, Response } from 'express';
import { Pool } from 'pg';
import { Checkpointer } from '../src/commands/sign-checkpoint/checkpointer';
import { LocalCheckpointArchive } from '../src/adapters/local-checkpoint-archive';
import { LeafInput } from '../src/domain/ledger-entry';
import { LedgerLog } from '../src/database/ledger-log';
import { LEDGER_POOL } from '../src/ledger.tokens';
import { LedgerModule } from '../src/ledger.module';
import { LedgerTiles } from '../src/queries/tiles/ledger-tiles';
import { TileFastPath } from '../src/queries/tiles/tile-fast-path';
import { TILES_PREFIX } from '../src/queries/tiles/tiles.http.controller';
import { LEDGER_MIGRATIONS } from '../src/migrations';

/** The tiles' path as a client calls it (under the API's version prefix). */
const TILES_URL = apiPath(`/${TILES_PREFIX}`);

export interface TileFigure {
  readonly what: string;
  readonly p50: number;
  readonly p99: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

function leafInputs(from: number, count: number): LeafInput[] {
  return Array.from({ length: count }, (_, i) => ({
    eventId: randomUUID(),
    service: 'bench',
    sequence: from + i + 1,
    aggregateId: `agg-${(from + i) % 97}`,
    type: 'bench.Happened',
    entry: Buffer.from(JSON.stringify({ n: from + i, pad: 'x'.repeat(200) })),
  }));
}

/** One GET on a kept-alive connection; resolves with the body length. */
function get(agent: http.Agent, port: number, urlPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath, agent }, (res) => {
        let length = 0;
        res.on('data', (chunk: Buffer) => (length += chunk.length));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(length) : reject(new Error(`${urlPath}: ${res.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

type Percentiles = { p50: number; p99: number };

/**
 * Times several reads taken in turn, one of each per round, so that every figure sees the same
 * moments of a shared machine's load and their ratios compare like with like. The order is
 * shuffled each round: everything runs in one process, so whatever a read leaves behind (a
 * Nest request's access line, its garbage) would otherwise always land on the same next read.
 */
async function timedInTurn(
  samples: number,
  warmUp: number,
  reads: Array<() => Promise<unknown>>,
): Promise<Percentiles[]> {
  const times = reads.map(() => [] as number[]);
  for (let k = 0; k < warmUp + samples; k++) {
    const order = reads.map((_, r) => r);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const r of order) {
      const t0 = process.hrtime.bigint();
      await reads[r]();
      if (k >= warmUp) times[r].push(ms(t0));
    }
  }
  return times.map((t) => {
    t.sort((a, b) => a - b);
    return { p50: percentile(t, 50), p99: percentile(t, 99) };
  });
}

/**
 * Appends `size` leaves through the ledger's own append path, signs a checkpoint, and reads
 * random full level-0 tiles (and the level-1 tile) over HTTP once the cache holds them.
 */
export async function tileReadTimes(kafkaBrokers: string[], size = 100_000, samples = 5000): Promise<TileFigure[]> {
  const issuer = await startTestIssuer();
  const transport = new KafkaTransport({ brokers: kafkaBrokers, clientId: 'bench-tiles' });
  const moduleRef = await Test.createTestingModule({
    imports: [
      AuthModule.forRoot(issuer.authConfig()),
      LedgerModule.forRoot({
        // As the runtime role the service runs as, on a database its migrations made.
        databaseUrl: databaseUrlAs(
          await createTestDatabase('bench-tiles', { migrations: LEDGER_MIGRATIONS }),
          (await testDatabaseRoles()).runtime,
        ),
        transport,
        signerKey: generateNoteKeys('bench.custos/tiles').signerKey,
        checkpointArchive: new LocalCheckpointArchive(
          path.join(mkdtempSync(path.join(tmpdir(), 'bench-tiles-')), 'checkpoints'),
        ),
        run: false,
      }),
    ],
    // Thousands of anonymous reads from one source: the edge's rate limit (a defence, not what
    // is measured here) would refuse them with 429 after the first 1,200 of a minute.
    providers: [{ provide: CommonConfig, useValue: Object.assign(new CommonConfig(), { RATE_LIMIT_ANONYMOUS_PER_MIN: 0 }) }],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureApp(app, { service: 'ledger', swagger: false });
  const raw = Buffer.alloc(TILE_WIDTH * 32, 7);
  // The baseline: the same Express server and middleware, a Buffer from memory, nothing else.
  (app.getHttpAdapter().getInstance() as { get: (p: string, h: (req: Request, res: Response) => void) => void }).get(
    '/bench/raw',
    (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': raw.length });
      res.end(raw);
    },
  );
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  // The floor: a bare Node HTTP server answering the same Buffer, nothing else.
  const bare = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': raw.length });
    res.end(raw);
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const barePort = (bare.address() as AddressInfo).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const bareAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const log = app.get(LedgerLog);
    for (let from = 0; from < size; from += 2000) await log.append(leafInputs(from, Math.min(2000, size - from)));
    await app.get(Checkpointer).checkpointNow();
    const tiles = app.get(LedgerTiles);
    const pool = app.get<Pool>(LEDGER_POOL);
    const fullTiles = Math.floor(size / TILE_WIDTH);
    const tileUrl = (k: number) =>
      `${TILES_URL}/${tilePath({ level: 0, index: k % fullTiles, width: TILE_WIDTH })}`;
    // Warm: every full tile read once, so every timed read is a cache hit.
    for (let k = 0; k < fullTiles; k++) await get(agent, port, tileUrl(k));
    const missesBefore = tiles.cache.misses;
    const random = () => Math.floor(Math.random() * fullTiles);
    const [tile, bareRead, rawRead, pk, checkpoint] = await timedInTurn(samples, 500, [
      () => get(agent, port, tileUrl(random())),
      () => get(bareAgent, barePort, '/'),
      () => get(agent, port, '/bench/raw'),
      () =>
        pool.query({
          name: 'bench-tile-pk',
          text: 'SELECT leaf_hash FROM ledger_leaves WHERE leaf_index = $1',
          values: [random()],
        }),
      () => get(agent, port, `${TILES_URL}/checkpoint`),
    ]);
    if (tiles.cache.misses !== missesBefore) throw new Error('a timed tile read missed the cache');
    if (app.get(TileFastPath).served < samples) throw new Error('the timed tile reads did not take the fast path');
    const [inclusion, consistency] = await timedInTurn(2000, 200, [
      () => tiles.inclusionProof(Math.floor(Math.random() * size), size),
      () => tiles.consistencyProof(1 + Math.floor(Math.random() * (size - 1)), size),
    ]);
    return [
      { what: 'tile read (cached), HTTP', ...tile },
      { what: 'raw in-memory Buffer, bare Node HTTP server', ...bareRead },
      { what: 'raw in-memory Buffer, the Express route on the same server', ...rawRead },
      { what: 'one primary-key row from Postgres', ...pk },
      { what: 'checkpoint, HTTP', ...checkpoint },
      { what: `inclusion proof from cached tiles at ${size}`, ...inclusion },
      { what: `consistency proof from cached tiles at ${size}`, ...consistency },
    ];
  } finally {
    agent.destroy();
    bareAgent.destroy();
    await new Promise((resolve) => bare.close(resolve));
    await app.close();
    await transport.close();
    await issuer.close();
  }
}
