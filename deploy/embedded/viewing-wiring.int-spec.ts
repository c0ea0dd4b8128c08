import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamicModule, INestApplication } from '@nestjs/common';
import {
  EventRegistry,
  REQUEST_CO_SIGNED,
  REQUEST_FILED,
  RequestCoSigned,
  RequestFiled,
  REQUESTS_EVENTS,
} from '@custos/contracts';
import { ensureEventStoreSchema, EventStore, KafkaTransport, OutboxRelay } from '@custos/eventstore';
import { loadConfig } from '@custos/platform';
import { binaryBody, createTestBucket, createTestDatabase, devToken, freePort, startTestApp, testInfra, waitFor } from '@custos/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { AppModule as CustodyAppModule } from '../../services/custody/src/app.module';
import { CustodyConfig } from '../../services/custody/src/custody.config';
import { AppModule as StorageAppModule } from '../../services/storage/src/app.module';
import { StorageConfig } from '../../services/storage/src/storage.config';
import { startWiredRegistry, serviceClientSettings } from './wiring.test-support';

const PSB = 'org-psb-yanta';
const OWNER = 'org-owner-mall';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * A viewing session end to end, every service wired as in production (R18.1–R18.4, R16.6):
 * storage on the harness's S3 with Object Lock holds a real demo clip; custody learns the
 * co-signed VIEW from the requests service's events through Kafka, checks officers at the REAL
 * registry (which hosts the development issuer) and plays the clip by range from storage's
 * API with its own service token (role SERVICE), through links a browser can follow.
 */
describe('a viewing session through custody, storage and the registry (R18.1–R18.4, R16.6)', () => {
  const apps: INestApplication[] = [];
  const clip = readFileSync(join(__dirname, 'demo-footage', 'cam-entrance.mp4'));
  const requestId = randomUUID();
  const windowFrom = new Date(Date.now() - 2 * 3_600_000);
  let registryUrl: string;
  let custody: INestApplication;
  let storage: INestApplication;
  let requestsPool: Pool;
  let relay: OutboxRelay;
  let transport: KafkaTransport;
  const tokens = new Map<string, string>();

  const tokenOf = async (username: string): Promise<string> => {
    if (tokens.has(username)) return tokens.get(username)!;
    const token = await devToken(registryUrl, username);
    tokens.set(username, token);
    return token;
  };

  const start = async (moduleDef: DynamicModule, service: string, port: number) => {
    const { app } = await startTestApp(moduleDef, { service, port });
    apps.push(app);
    return app;
  };

  const post = async (path: string, username: string, body: object = {}) =>
    request(custody.getHttpServer())
      .post(path)
      .set('authorization', `Bearer ${await tokenOf(username)}`)
      .send(body);
  const get = async (path: string, username: string) =>
    request(custody.getHttpServer())
      .get(path)
      .set('authorization', `Bearer ${await tokenOf(username)}`);
  const play = (path: string, range?: string) => {
    const call = request(custody.getHttpServer())
      .get(path)
      .buffer(true)
      .parse(binaryBody);
    return range === undefined ? call : call.set('range', range);
  };

  beforeAll(async () => {
    const infra = testInfra();
    const registry = await startWiredRegistry('viewing-wiring');
    apps.push(registry.app);
    registryUrl = registry.url;
    const { common } = registry;
    const topicPrefix = common.KAFKA_TOPIC_PREFIX;

    const storagePort = await freePort();
    storage = await start(
      StorageAppModule.forRoot(
        loadConfig(StorageConfig, {
          ...common,
          PORT: String(storagePort),
          DATABASE_URL: await createTestDatabase('viewing-wiring-storage'),
          EMBEDDED_MODE: 'false',
          STORAGE_DRIVER: 's3',
          S3_ENDPOINT: `${infra.s3.useSSL ? 'https' : 'http'}://${infra.s3.endPoint}:${infra.s3.port}`,
          S3_ACCESS_KEY: infra.s3.accessKey,
          S3_SECRET_KEY: infra.s3.secretKey,
          S3_REGION: infra.s3.region,
          S3_BUCKET_FOOTAGE: await createTestBucket('viewing-wiring', { objectLock: true }),
          REGISTRY_URL: registryUrl,
          APPROVALS_URL: 'http://127.0.0.1:9',
          EXPORT_SIGNING_KEY: generateKeyPairSync('ed25519')
            .privateKey.export({ type: 'pkcs8', format: 'pem' })
            .toString(),
          ...serviceClientSettings('service.storage'),
        }),
      ),
      'storage',
      storagePort,
    );
    const ingested = await request(storage.getHttpServer())
      .put('/v1/footage/segments/seg-view-wired-1')
      .query({
        cameraId: 'cam-mall-main-entrance',
        from: new Date(windowFrom.getTime() + 60_000).toISOString(),
        to: new Date(windowFrom.getTime() + 68_000).toISOString(),
        container: 'mp4',
        codec: 'h264',
      })
      .set('authorization', `Bearer ${await tokenOf('operator.mall')}`)
      .set('content-type', 'video/mp4')
      .send(clip);
    expect(ingested.status).toBe(201);

    // The requests service's side of the bus: a VIEW filed by officer.li, co-signed by officer.zhang.
    const requestsDatabase = await createTestDatabase('viewing-wiring-requests');
    requestsPool = new Pool({ connectionString: requestsDatabase, max: 2 });
    requestsPool.on('error', () => undefined);
    await ensureEventStoreSchema(requestsPool);
    const filed: RequestFiled = {
      kind: 'VIEW',
      requestingOrganisation: { id: PSB, type: 'PUBLIC_SECURITY', level: 'COUNTY', divisionCode: '610113' },
      caseReference: 'CASE-W-VIEW',
      purpose: 'Trace the suspect at the east entrance',
      imageSystemIds: ['sys-mall-saige'],
      cameraIds: ['cam-mall-main-entrance'],
      ownerOrganisationIds: [OWNER],
      window: { from: windowFrom.toISOString(), to: new Date(windowFrom.getTime() + 3_600_000).toISOString() },
      filer: { personId: 'person-officer-li', credentialNumber: '61011300101' },
      filedAt: new Date().toISOString(),
      coSignDeadline: new Date(Date.now() + 3_600_000).toISOString(),
    };
    const coSigned: RequestCoSigned = {
      coSigner: { personId: 'person-officer-zhang', credentialNumber: '61011300102' },
      credentialNumbers: ['61011300101', '61011300102'],
      coSignedAt: new Date().toISOString(),
      needsApproval: false,
    };
    await new EventStore(requestsPool, 'requests', new EventRegistry().register(...REQUESTS_EVENTS)).append({
      aggregateId: requestId,
      expectedVersion: 0,
      events: [
        { type: REQUEST_FILED, payload: filed },
        { type: REQUEST_CO_SIGNED, payload: coSigned },
      ].map((e) => ({
        type: e.type,
        schemaVersion: 1,
        payload: e.payload as unknown as Record<string, unknown>,
        actor: { subject: 'dev:officer.li', organisationId: PSB },
        correlationId: randomUUID(),
      })),
    });
    transport = new KafkaTransport({
      brokers: infra.kafkaBrokers,
      clientId: 'requests-side',
      sessionTimeoutMs: 6000,
      heartbeatIntervalMs: 500,
    });
    relay = new OutboxRelay({
      service: 'requests',
      connection: { connectionString: requestsDatabase },
      transport,
      topicPrefix,
      idlePollMs: 100,
    });
    relay.start();
    await waitFor(
      'the VIEW request announced on the bus',
      async () =>
        Number((await requestsPool.query('SELECT position FROM es_relay_position')).rows[0]?.position ?? 0) >= 2
          ? true
          : undefined,
      15_000,
      100,
    );

    const custodyPort = await freePort();
    custody = await start(
      CustodyAppModule.forRoot(
        loadConfig(CustodyConfig, {
          ...common,
          PORT: String(custodyPort),
          DATABASE_URL: await createTestDatabase('viewing-wiring-custody'),
          EMBEDDED_MODE: 'false',
          REGISTRY_URL: registryUrl,
          APPROVALS_URL: 'http://127.0.0.1:9',
          STORAGE_URL: `http://127.0.0.1:${storagePort}`,
          ...serviceClientSettings('service.custody'),
          CUSTODY_LINK_SECRET: 'viewing-wiring-link-secret-0123456789abcdef',
        }),
      ),
      'custody',
      custodyPort,
    );
  });

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    await relay?.stop();
    await transport?.close();
    await requestsPool?.end();
  });

  it('opens, joins both registry-qualified officers, plays the stored clip by range, and closes early (R18.1–R18.4, R16.6)', async () => {
    await waitFor(
      'the co-signed VIEW in custody',
      async () => {
        const res = await get('/v1/view-requests', 'operator.mall');
        return (res.body.items as { requestId: string }[] | undefined)?.some((r) => r.requestId === requestId)
          ? true
          : undefined;
      },
      30_000,
      200,
    );
    const opened = await post('/v1/viewing-sessions', 'operator.mall', { requestId, durationMinutes: 30 });
    expect(opened.status).toBe(201);
    const id = opened.body.sessionId as string;

    // officer.zhao's credential has expired at the registry (R18.2); he did not sign anyway (R18.1).
    expect((await post(`/v1/viewing-sessions/${id}/join`, 'officer.zhao')).body.code).toBe('CUSTOS_R18_1_NOT_A_CO_SIGNER');
    expect((await post(`/v1/viewing-sessions/${id}/join`, 'officer.li')).status).toBe(200);
    const second = await post(`/v1/viewing-sessions/${id}/join`, 'officer.zhang');
    expect(second.body).toMatchObject({
      bothJoined: true,
      joined: [
        { personId: 'person-officer-li', credentialNumber: '61011300101' },
        { personId: 'person-officer-zhang', credentialNumber: '61011300102' },
      ],
    });

    const links = await get(`/v1/viewing-sessions/${id}/playback-links`, 'officer.zhang');
    expect(links.status).toBe(200);
    expect(links.body.segments).toEqual([
      expect.objectContaining({
        segmentId: 'seg-view-wired-1',
        cameraId: 'cam-mall-main-entrance',
        sizeBytes: clip.length,
        contentType: 'video/mp4',
      }),
    ]);
    const url = `/v1/viewing-sessions/${id}/${links.body.segments[0].url}`;
    // As a browser plays it: open-ended ranges, each answered with at most 4 MiB, together the stored bytes.
    const parts: Buffer[] = [];
    for (let start = 0; start < clip.length;) {
      const part = await play(url, `bytes=${start}-`);
      expect(part.status).toBe(206);
      expect(part.headers['cache-control']).toBe('no-store');
      parts.push(part.body as Buffer);
      start += (part.body as Buffer).length;
    }
    expect(sha256(Buffer.concat(parts))).toBe(sha256(clip));
    const middle = await play(url, 'bytes=1000-1999');
    expect(middle.headers['content-range']).toBe(`bytes 1000-1999/${clip.length}`);
    expect(middle.body).toEqual(clip.subarray(1000, 2000));
    expect((await play(url)).status).toBe(416);
    const page = await play(`/v1/viewing-sessions/${id}/${links.body.playerUrl}`);
    expect((page.body as Buffer).toString()).toContain('<video data-segment="seg-view-wired-1"');

    expect((await post(`/v1/viewing-sessions/${id}/close`, 'operator.mall')).body).toMatchObject({
      status: 'CLOSED',
      closeReason: 'CLOSED_BY_OWNER',
    });
    expect((await play(url, 'bytes=0-9')).status).toBe(409);

    const register = await get('/v1/access-register', 'oversight.shaanxi');
    expect(register.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          accessKind: 'VIEW',
          viewingSessionId: id,
          requestingOrganisationId: PSB,
          ownerOrganisationId: OWNER,
          purpose: 'Trace the suspect at the east entrance',
          endReason: 'CLOSED_BY_OWNER',
          persons: [
            { personId: 'person-officer-li', credentialNumber: '61011300101' },
            { personId: 'person-officer-zhang', credentialNumber: '61011300102' },
          ],
        }),
      ]),
    );
  });
});
