import { generateKeyPairSync, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamicModule, INestApplication } from '@nestjs/common';
import { EventRegistry, exportAggregateId, ExportPackaged, STORAGE_EVENTS, STORAGE_EXPORT_PACKAGED } from '@custos/contracts';
import { approvalYearOf, keyIdOf, signApprovalDocument, SignedApprovalDocument } from '@custos/domain';
import { ensureEventStoreSchema, EventStore, KafkaTransport, OutboxRelay } from '@custos/eventstore';
import { loadConfig } from '@custos/platform';
import { createTestDatabase, devToken, freePort, startTestApp, testInfra, waitFor } from '@custos/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { AppModule as CustodyAppModule } from '../../services/custody/src/app.module';
import { CustodyConfig } from '../../services/custody/src/custody.config';
import { startWiredRegistry, serviceClientSettings } from './wiring.test-support';

const PSB = 'org-psb-yanta';

/**
 * The custody service wired as in production (its AppModule from configuration: EVENT_BUS=kafka
 * on the harness's brokers, its own database, EMBEDDED_MODE=false with client credentials) against a
 * REAL registry (its AppModule, hosting the development issuer, seeded with the demo data) for
 * officers' qualifications, an approvals stand-in publishing the issuing organ's key over HTTP,
 * and storage's events arriving through Kafka.
 */
describe('custody wired to the registry, approvals and the broker (R18.2, R18.5, R16.6)', () => {
  const apps: INestApplication[] = [];
  let registryUrl: string;
  let custody: INestApplication;
  let custodyPool: Pool;
  let storagePool: Pool;
  let relay: OutboxRelay;
  let transport: KafkaTransport;
  let approvals: http.Server;
  const approvalCalls: string[] = [];
  const organKeys = generateKeyPairSync('ed25519');
  const exportId = randomUUID();

  const tokenOf = (username: string): Promise<string> => devToken(registryUrl, username);

  const start = async (moduleDef: DynamicModule, service: string, port: number) => {
    const { app } = await startTestApp(moduleDef, { service, port });
    apps.push(app);
    return app;
  };

  const exported: ExportPackaged = {
    exportId,
    approvalDocumentNumber: 'pending',
    issuingOrganisationId: PSB,
    requestId: 'req-wired-1',
    kind: 'COPY',
    organisationId: 'org-owner-mall',
    cameraIds: ['cam-mall-main-entrance'],
    windowFrom: '2026-02-01T10:00:00.000Z',
    windowTo: '2026-02-01T11:00:00.000Z',
    segmentIds: ['seg-wired-1'],
    objectKey: `exports/org-owner-mall/${exportId}.tar`,
    packageSha256: 'd'.repeat(64),
    packageSizeBytes: 4096,
    manifestSha256: 'e'.repeat(64),
    signerKeyId: 'f'.repeat(64),
    exportedAt: new Date().toISOString(),
  };

  const approval = (): SignedApprovalDocument => {
    const issuedAt = new Date(Date.now() - 3600_000);
    const result = signApprovalDocument(
      {
        documentId: '3f1d9c2a-6b7e-4e0f-8a51-c2d4e6f80a13',
        number: `610113-001-${approvalYearOf(issuedAt)}-000042`,
        issuingOrganisationId: PSB,
        requestId: 'req-wired-1',
        requestingOrganisationId: PSB,
        caseReference: 'W-1',
        purpose: 'Case W-1',
        filedBy: { personId: 'person-officer-li' },
        coSignedBy: { personId: 'person-officer-zhang' },
        kind: 'COPY',
        scope: { imageSystemIds: ['sys-mall-saige'], cameraIds: ['cam-mall-main-entrance'], window: { from: exported.windowFrom, to: exported.windowTo } },
        validFrom: issuedAt.toISOString(),
        validUntil: new Date(Date.now() + 86_400_000).toISOString(),
        signer: { personId: 'person-head-yanta', organisationId: PSB },
        issuedAt: issuedAt.toISOString(),
      },
      organKeys.privateKey,
    );
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  beforeAll(async () => {
    const infra = testInfra();
    const registry = await startWiredRegistry('custody-wiring');
    apps.push(registry.app);
    registryUrl = registry.url;
    const { common } = registry;
    const topicPrefix = common.KAFKA_TOPIC_PREFIX;

    // The approvals service's two read endpoints custody uses, with the organ's public key.
    approvals = http.createServer((req, res) => {
      approvalCalls.push(`${req.url} ${req.headers.authorization ? 'with token' : 'anonymous'}`);
      const body =
        req.url === `/v1/organisations/${PSB}/approval-key`
          ? { organisationId: PSB, algorithm: 'Ed25519', keyId: keyIdOf(organKeys.publicKey), publicKeyPem: organKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(), createdAt: '' }
          : req.url === `/v1/organisations/${PSB}/revoked-approvals`
            ? { organisationId: PSB, revoked: [] }
            : undefined;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
    });
    await new Promise<void>((resolve) => approvals.listen(0, '127.0.0.1', resolve));

    // Storage's side of the bus: its event log and relay, announcing one export package.
    const storageUrl = await createTestDatabase('custody-wiring-storage');
    storagePool = new Pool({ connectionString: storageUrl, max: 2 });
    storagePool.on('error', () => undefined);
    await ensureEventStoreSchema(storagePool);
    exported.approvalDocumentNumber = approval().document.number;
    await new EventStore(storagePool, 'storage', new EventRegistry().register(...STORAGE_EVENTS)).append({
      aggregateId: exportAggregateId(exportId),
      expectedVersion: 0,
      events: [
        {
          type: STORAGE_EXPORT_PACKAGED,
          schemaVersion: 1,
          payload: exported as unknown as Record<string, unknown>,
          actor: { subject: 'dev:operator.mall', organisationId: 'org-owner-mall' },
          correlationId: randomUUID(),
        },
      ],
    });
    transport = new KafkaTransport({ brokers: infra.kafkaBrokers, clientId: 'storage-side', sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 });
    relay = new OutboxRelay({ service: 'storage', connection: { connectionString: storageUrl }, transport, topicPrefix, idlePollMs: 100 });
    relay.start();
    // Published before custody subscribes: the topic exists, and the consumer reads from the beginning.
    await waitFor(
      'the export announced on the bus',
      async () => (Number((await storagePool.query('SELECT position FROM es_relay_position')).rows[0]?.position ?? 0) >= 1 ? true : undefined),
      15_000,
      100,
    );

    const custodyPort = await freePort();
    const custodyDatabase = await createTestDatabase('custody-wiring-custody');
    const custodyConfig = loadConfig(CustodyConfig, {
      ...common,
      PORT: String(custodyPort),
      DATABASE_URL: custodyDatabase,
      EMBEDDED_MODE: 'false',
      REGISTRY_URL: registryUrl,
      APPROVALS_URL: `http://127.0.0.1:${(approvals.address() as AddressInfo).port}`,
      ...serviceClientSettings('service.custody'),
      // Outside the embedded mode the playback and delivery links' secret must be given (R18.4).
      CUSTODY_LINK_SECRET: 'custody-wiring-link-secret-0123456789abcdef',
      // Anonymous refusals are counted per window (issue 16): a short one, so that it is written soon.
      DENIAL_WINDOW_MS: '200',
    });
    custody = await start(CustodyAppModule.forRoot(custodyConfig), 'custody', custodyPort);
    custodyPool = new Pool({ connectionString: custodyDatabase, max: 2 });
    custodyPool.on('error', () => undefined);
  });

  afterAll(async () => {
    await custodyPool?.end();
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    await relay?.stop();
    await transport?.close();
    await storagePool?.end();
    await new Promise((resolve) => approvals?.close(resolve));
  });

  const eventTypes = async (): Promise<string[]> =>
    (await custodyPool.query<{ type: string }>('SELECT type FROM es_events ORDER BY sequence')).rows.map((r) => r.type);
  const post = async (path: string, username: string, body: object = {}) =>
    request(custody.getHttpServer()).post(path).set('authorization', `Bearer ${await tokenOf(username)}`).send(body);

  it('is ready with its database and its readers', async () => {
    const res = await request(custody.getHttpServer()).get('/health/ready');
    expect(res.status).toBe(200);
  });

  it('opens the evidence item of a package storage announced through Kafka (R18.5)', async () => {
    const token = await tokenOf('operator.mall');
    const item = await waitFor(
      'the evidence item',
      async () => {
        const res = await request(custody.getHttpServer()).get(`/v1/evidence-items/${exportId}`).set('authorization', `Bearer ${token}`);
        return res.status === 200 ? res.body : undefined;
      },
      30_000,
      200,
    );
    expect(item).toMatchObject({ status: 'PREPARED', holderOrganisationId: 'org-owner-mall' });
  });

  it("refuses an officer whose credential the registry holds as expired, changing nothing but the refusal's record (R18.2)", async () => {
    const before = await eventTypes();
    const res = await post(`/v1/evidence-items/${exportId}/hand-overs`, 'officer.zhao', { approval: approval(), purpose: 'Case W-1' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'CUSTOS_R18_2_QUALIFICATION_INVALID', rule: 'R18.2' });
    expect(await eventTypes()).toEqual([...before, 'custody.HandOverRefused']);
  });

  it("hands over to two registry-qualified officers on the organ's published key, and registers it (R18.1, R18.5, R16.6)", async () => {
    const started = await post(`/v1/evidence-items/${exportId}/hand-overs`, 'officer.li', { approval: approval(), purpose: 'Case W-1' });
    expect(started.status).toBe(201);
    const confirmed = await post(`/v1/evidence-items/${exportId}/hand-overs/${started.body.handOverId}/confirmation`, 'officer.zhang');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      status: 'HANDED_OVER',
      holderOrganisationId: PSB,
      officers: [
        { personId: 'person-officer-li', credentialNumber: '61011300101' },
        { personId: 'person-officer-zhang', credentialNumber: '61011300102' },
      ],
    });
    expect(approvalCalls).toContain(`/v1/organisations/${PSB}/approval-key with token`);

    const csv = await request(custody.getHttpServer())
      .get('/v1/access-register?format=csv')
      .set('authorization', `Bearer ${await tokenOf('operator.mall')}`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(`COPY,${PSB},person-officer-li:61011300101;person-officer-zhang:61011300102,Case W-1`);
    const oversight = await request(custody.getHttpServer())
      .get('/v1/access-register')
      .set('authorization', `Bearer ${await tokenOf('oversight.shaanxi')}`);
    expect(oversight.body.items).toEqual([expect.objectContaining({ evidenceItemId: exportId, ownerOrganisationId: 'org-owner-mall' })]);
  });

  it('records a refused anonymous access as custody.AccessDenied in its own log, counted with its route pattern (R3.1, issue 16)', async () => {
    expect((await request(custody.getHttpServer()).get('/v1/access-register')).status).toBe(401);
    const denial = await waitFor(
      'custody.AccessDenied',
      async () =>
        (
          await custodyPool.query("SELECT envelope->'payload' AS payload FROM es_events WHERE type = 'custody.AccessDenied' ORDER BY sequence DESC LIMIT 1")
        ).rows[0]?.payload,
      5000,
      100,
    );
    expect(denial).toMatchObject({ code: 'CUSTOS_AUTH_TOKEN_MISSING', route: '/v1/access-register', count: 1 });
  });
});
