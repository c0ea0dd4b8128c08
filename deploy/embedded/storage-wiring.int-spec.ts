import { generateKeyPairSync } from 'node:crypto';
import { DynamicModule, INestApplication } from '@nestjs/common';
import { loadConfig } from '@custos/platform';
import { createTestBucket, createTestDatabase, devToken, freePort, startTestApp, testInfra, waitFor } from '@custos/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { AppModule as StorageAppModule } from '../../services/storage/src/app.module';
import { StorageConfig } from '../../services/storage/src/storage.config';
import { startWiredRegistry, serviceClientSettings } from './wiring.test-support';

/**
 * The storage service wired as in production (its AppModule from configuration: EVENT_BUS=kafka
 * on the harness's brokers, footage in the harness's S3 with Object Lock, its own database,
 * EMBEDDED_MODE=false with EXPORT_SIGNING_KEY and client credentials) against a REAL registry
 * (its AppModule, hosting the development issuer, seeded with the demo data): the camera
 * directory is the registry's HTTP API, read with the storage service's own token (role SERVICE).
 */
describe('storage wired to the registry (R3.1, R16.3)', () => {
  const apps: INestApplication[] = [];
  let registryUrl: string;
  let storage: INestApplication;
  let storagePool: Pool;

  const tokenOf = (username: string): Promise<string> => devToken(registryUrl, username);

  const start = async (moduleDef: DynamicModule, service: string, port: number) => {
    const { app } = await startTestApp(moduleDef, { service, port });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    const infra = testInfra();
    const registry = await startWiredRegistry('storage-wiring');
    apps.push(registry.app);
    registryUrl = registry.url;
    const { common } = registry;

    const storagePort = await freePort();
    const storageDatabase = await createTestDatabase('wiring-storage');
    const storageConfig = loadConfig(StorageConfig, {
      ...common,
      PORT: String(storagePort),
      DATABASE_URL: storageDatabase,
      EMBEDDED_MODE: 'false',
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: `${infra.s3.useSSL ? 'https' : 'http'}://${infra.s3.endPoint}:${infra.s3.port}`,
      S3_ACCESS_KEY: infra.s3.accessKey,
      S3_SECRET_KEY: infra.s3.secretKey,
      S3_REGION: infra.s3.region,
      S3_BUCKET_FOOTAGE: await createTestBucket('wiring-footage', { objectLock: true }),
      REGISTRY_URL: registryUrl,
      APPROVALS_URL: 'http://127.0.0.1:9',
      EXPORT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      ...serviceClientSettings('service.storage'),
      // Anonymous refusals are counted per window (issue 16): a short one, so that it is written soon.
      DENIAL_WINDOW_MS: '200',
    });
    storage = await start(StorageAppModule.forRoot(storageConfig), 'storage', storagePort);
    storagePool = new Pool({ connectionString: storageDatabase, max: 2 });
    storagePool.on('error', () => undefined);
  });

  afterAll(async () => {
    await storagePool?.end();
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
  });

  const ingest = (segmentId: string, cameraId: string, token?: string) => {
    const call = request(storage.getHttpServer())
      .put(`/v1/footage/segments/${segmentId}`)
      .query({ cameraId, from: '2026-02-01T10:00:00Z', to: '2026-02-01T11:00:00Z', container: 'mp4', codec: 'h264' })
      .set('content-type', 'application/octet-stream');
    return (token ? call.set('authorization', `Bearer ${token}`) : call).send(Buffer.from(`footage of ${cameraId}`));
  };

  const eventTypes = async (): Promise<string[]> =>
    (await storagePool.query<{ type: string }>('SELECT type FROM es_events ORDER BY sequence')).rows.map((r) => r.type);

  it('is ready with its database, its readers and S3 (the bus is a metric, not readiness)', async () => {
    const res = await request(storage.getHttpServer()).get('/health/ready');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.details).sort()).toEqual(['postgres', 'readers', 's3']);
  });

  it('takes a segment from the owner of a camera the registry knows (R16.3)', async () => {
    const response = await ingest('seg-wired-1', 'cam-mall-main-entrance', await tokenOf('operator.mall'));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      segmentId: 'seg-wired-1',
      cameraId: 'cam-mall-main-entrance',
      imageSystemId: 'sys-mall-saige',
      organisationId: 'org-owner-mall',
    });
    expect(await eventTypes()).toContain('storage.SegmentIngested');
  });

  it('refuses a camera the registry does not know, storing nothing (R3.1)', async () => {
    const before = await eventTypes();
    const response = await ingest('seg-wired-unknown', 'cam-nowhere', await tokenOf('operator.mall'));
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'CUSTOS_R3_1_UNKNOWN_CAMERA', rule: 'R3.1' });
    expect(await eventTypes()).toEqual(before);
  });

  it("refuses another owner's camera (R3.1)", async () => {
    const response = await ingest('seg-wired-foreign', 'cam-mall-main-entrance', await tokenOf('operator.metro'));
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'CUSTOS_AUTH_WRONG_ORGANISATION' });
  });

  it('records a refused access as storage.AccessDenied in its own log (R3.1)', async () => {
    expect((await ingest('seg-wired-anon', 'cam-mall-main-entrance')).status).toBe(401);
    const denial = await waitFor(
      'the anonymous storage.AccessDenied',
      async () =>
        (await storagePool.query("SELECT envelope->'payload' AS payload FROM es_events WHERE type = 'storage.AccessDenied' AND envelope->'payload'->>'count' IS NOT NULL")).rows[0]
          ?.payload,
      5000,
      100,
    );
    expect(denial).toMatchObject({ code: 'CUSTOS_AUTH_TOKEN_MISSING', count: 1 });
  });
});
