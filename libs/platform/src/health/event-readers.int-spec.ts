import { INestApplication } from '@nestjs/common';
import { EventEnvelope } from '@custos/contracts';
import { ensureEventStoreSchema, EventStore, Projection, ProjectionRunner } from '@custos/eventstore';
import { createTestDatabase, FaultProxy, freePort } from '@custos/testing';
import { Pool, PoolClient } from 'pg';
import request from 'supertest';
import { CommonConfig } from '../config/common.config';
import { loadConfig } from '../config/load-config';
import { PlatformModule } from '../platform.module';
import { createConfiguredApp } from '../test-support/test-app';
import { eventReadersCheck } from './event-readers.check';
import { HealthModule } from './health.module';
import { postgresCheck } from './postgres.check';

const names: Projection = {
  name: 'health-names',
  tables: ['health_names'],
  setup: async (tx: PoolClient) => {
    await tx.query('CREATE TABLE IF NOT EXISTS health_names (id text PRIMARY KEY, name text NOT NULL)');
  },
  apply: async (e: EventEnvelope, tx: PoolClient) => {
    await tx.query('INSERT INTO health_names VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = $2', [e.aggregateId, (e.payload as { name: string }).name]);
  },
};
const actor = { subject: 't', roles: ['OFFICER'] };
const named = (name: string) => ({ type: 'test.Named', schemaVersion: 1, payload: { name }, actor, correlationId: 'c' });

describe('/health/ready and /metrics on the event log and its readers (issue 14)', () => {
  const apps: INestApplication[] = [];
  const pools: Pool[] = [];
  let databaseUrl: string;
  let store: EventStore;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('platform-readers');
    const pool = new Pool({ connectionString: databaseUrl, max: 3 });
    pool.on('error', () => undefined);
    pools.push(pool);
    await ensureEventStoreSchema(pool);
    store = new EventStore(pool, 'test', undefined);
  });

  afterAll(async () => {
    await Promise.allSettled(apps.map((a) => a.close()));
    await Promise.allSettled(pools.map((p) => p.end()));
  });

  async function service(modules: { stuckAfterMs?: number; busUrl?: string } = {}): Promise<INestApplication> {
    const config = loadConfig(CommonConfig, { DATABASE_URL: databaseUrl });
    const app = await createConfiguredApp([
      PlatformModule.forRoot({ service: 'health-readers', config }),
      HealthModule.forRoot({
        checks: [postgresCheck({ url: databaseUrl }), eventReadersCheck({ url: databaseUrl, stuckAfterMs: modules.stuckAfterMs })],
        metricsOnly: modules.busUrl ? [postgresCheck({ url: modules.busUrl, key: 'bus', timeoutMs: 1000 })] : [],
      }),
    ]);
    apps.push(app);
    return app;
  }

  it('stays ready with a quarantined event, and shows it, the lag and the outbox lag in the details and as metrics', async () => {
    const runner = new ProjectionRunner(pools[0], store, names);
    await store.append({ aggregateId: 'n-1', expectedVersion: 0, events: [named('ok'), named('bad\u0000'), named('later')] });
    await store.append({ aggregateId: 'n-2', expectedVersion: 0, events: [named('fine')] });
    await runner.catchUp();
    await store.append({ aggregateId: 'n-3', expectedVersion: 0, events: [named('not yet read')] });
    const app = await service();

    const res = await request(app.getHttpServer()).get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.details.readers).toMatchObject({
      status: 'up',
      head: 5,
      outboxLag: 5,
      projections: { 'health-names': { position: 4, lag: 1 } },
      quarantined: { 'health-names': { failed: 1, waiting: 1 } },
    });
    const metrics = (await request(app.getHttpServer()).get('/metrics')).text;
    expect(metrics).toMatch(/custos_quarantined_events\{reader="health-names",state="FAILED",service="health-readers"\} 1/);
    expect(metrics).toMatch(/custos_quarantined_events\{reader="health-names",state="WAITING",service="health-readers"\} 1/);
    expect(metrics).toMatch(/custos_projection_lag\{projection="health-names",service="health-readers"\} 1/);
    expect(metrics).toMatch(/custos_outbox_lag\{service="health-readers"\} 5/);
  });

  it('is not ready while a reader of its database has failed on every attempt for too long, and ready again once it moves', async () => {
    const target = new URL(databaseUrl);
    const proxy = await FaultProxy.start({ host: target.hostname, port: Number(target.port) });
    try {
      const viaProxy = new URL(databaseUrl);
      viaProxy.host = proxy.url;
      const cutPool = new Pool({ connectionString: viaProxy.toString(), max: 2, connectionTimeoutMillis: 1000 });
      cutPool.on('error', () => undefined);
      pools.push(cutPool);
      const runner = new ProjectionRunner(cutPool, new EventStore(cutPool, 'test'), { ...names, name: 'health-cut' });
      await runner.catchUp();
      const app = await service({ stuckAfterMs: 300 });
      expect((await request(app.getHttpServer()).get('/health/ready')).status).toBe(200);

      proxy.cut();
      await expect(runner.catchUp()).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 400));
      await expect(runner.catchUp()).rejects.toThrow();
      const stuck = await request(app.getHttpServer()).get('/health/ready');
      expect(stuck.status).toBe(503);
      expect(stuck.body.error.readers).toMatchObject({ status: 'down', message: 'stuck: health-cut', stuck: [{ reader: 'health-cut', kind: 'projection' }] });
      expect((await request(app.getHttpServer()).get('/metrics')).text).toMatch(/custos_reader_stuck\{reader="health-cut",service="health-readers"\} 1/);

      proxy.restore();
      await runner.catchUp();
      expect((await request(app.getHttpServer()).get('/health/ready')).status).toBe(200);
    } finally {
      await proxy.close();
    }
  });

  it('stays ready when the bus is unreachable, which shows as custos_dependency_up{check="bus"} 0', async () => {
    const bus = new URL(databaseUrl);
    bus.port = String(await freePort());
    const app = await service({ busUrl: bus.toString() });
    const res = await request(app.getHttpServer()).get('/health/ready');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.details).sort()).toEqual(['postgres', 'readers']);
    const metrics = (await request(app.getHttpServer()).get('/metrics')).text;
    expect(metrics).toMatch(/custos_dependency_up\{check="bus",service="health-readers"\} 0/);
    expect(metrics).toMatch(/custos_dependency_up\{check="postgres",service="health-readers"\} 1/);
  });
});
