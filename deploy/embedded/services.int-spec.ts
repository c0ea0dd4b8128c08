import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { generateNoteKeys } from '@custos/ledger-core';
import { loadConfig } from '@custos/platform';
import { createTestBucket, createTestDatabase, startTestApp, TEST_OIDC, testInfra, testOidcIssuer, testServiceClient } from '@custos/testing';
import request from 'supertest';
import { EMBEDDED_SERVICES } from './services';

/**
 * Each service configured as docker-compose.yml configures it (EVENT_BUS=kafka, footage in
 * S3), against the harness's real servers: readiness names exactly the dependencies the
 * service has.
 */
describe('the six services in the cluster topology', () => {
  const apps: INestApplication[] = [];
  let bucket: string;

  beforeAll(async () => {
    bucket = await createTestBucket('services-footage', { objectLock: true });
  });

  afterAll(async () => {
    await Promise.allSettled(apps.map((a) => a.close()));
  });

  it.each(EMBEDDED_SERVICES.map((s) => [s.name, s] as const))(
    '%s is ready with its database and Kafka, and shows the kernel\'s metrics',
    async (name, service) => {
      const infra = testInfra();
      const env: NodeJS.ProcessEnv = {
        DATABASE_URL: await createTestDatabase(`svc-${name}`),
        EVENT_BUS: 'kafka',
        KAFKA_BROKERS: infra.kafkaBrokers.join(','),
        EMBEDDED_MODE: 'false',
        STORAGE_DRIVER: 's3',
        S3_ENDPOINT: `${infra.s3.useSSL ? 'https' : 'http'}://${infra.s3.endPoint}:${infra.s3.port}`,
        S3_ACCESS_KEY: infra.s3.accessKey,
        S3_SECRET_KEY: infra.s3.secretKey,
        S3_REGION: infra.s3.region,
        S3_BUCKET_FOOTAGE: bucket,
        // Secrets the cluster provides: none has a default outside the embedded mode.
        EXPORT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        APPROVALS_KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex'),
        CUSTODY_LINK_SECRET: randomBytes(32).toString('hex'),
        LEDGER_SIGNER_KEY: generateNoteKeys('custos-ledger-test').signerKey,
        LEDGER_CHECKPOINT_DRIVER: 's3',
        S3_BUCKET_CHECKPOINTS: bucket,
        // The harness's real OpenID provider, and the service's own client there (no static token).
        CUSTOS_AUTH_ISSUER: testOidcIssuer(),
        CUSTOS_AUTH_AUDIENCE: TEST_OIDC.apiResource,
        CUSTOS_AUTH_JWKS_URL: `${testOidcIssuer()}/jwks`,
        CUSTOS_AUTH_CLIENT_ID: testServiceClient(name).clientId,
        CUSTOS_AUTH_CLIENT_SECRET: testServiceClient(name).clientSecret,
      };
      const config = loadConfig(service.configClass, env);
      const { app } = await startTestApp(service.rootModule(config), { service: name, swagger: true });
      apps.push(app);

      const res = await request(app.getHttpServer()).get('/health/ready');
      expect(res.status).toBe(200);
      const own: Record<string, string[]> = { storage: ['s3'], ledger: ['ledger'] };
      // Not the bus: readiness needs only Postgres and unstuck readers (issue 14); the bus is a metric.
      const expected = ['postgres', 'readers', ...(own[name] ?? [])].sort();
      expect(Object.keys(res.body.details).sort()).toEqual(expected);
      expect((await request(app.getHttpServer()).get('/docs-json')).body.info.title).toBe(`Custos ${name}`);
      await expectKernelMetrics(app, name);
    },
  );

  /**
   * The kernel's metrics on the service's own `/metrics` (issue 15): its relay's backlog once it
   * has polled, the event-log gauges of readiness, and the consumers' and relay's counters.
   */
  async function expectKernelMetrics(app: INestApplication, name: string): Promise<void> {
    const metrics = async () => (await request(app.getHttpServer()).get('/metrics')).text;
    const backlog = new RegExp(`^custos_outbox_backlog\\{service="${name}"[^}]*\\} \\d+$`, 'm');
    const deadline = Date.now() + 15_000;
    while (!backlog.test(await metrics()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const text = await metrics();
    expect(text).toMatch(backlog);
    for (const family of ['custos_outbox_lag', 'custos_projection_lag', 'custos_quarantined_events', 'custos_reader_stuck', 'custos_dependency_up', 'custos_events_published_total', 'custos_events_consumed_total', 'custos_consumer_lag', 'custos_dead_letters_total', 'custos_events_refused_total']) {
      expect(text).toContain(`# TYPE ${family} `);
    }
  }

  it('refuses to start a service that calls others without its own client: there is no static token (issue 16)', () => {
    const requests = EMBEDDED_SERVICES.find((s) => s.name === 'requests')!;
    const config = loadConfig(requests.configClass, { EMBEDDED_MODE: 'false', CUSTOS_AUTH_ISSUER: testOidcIssuer(), CUSTOS_AUTH_JWKS_URL: `${testOidcIssuer()}/jwks` });
    expect(() => requests.rootModule(config)).toThrow(/CUSTOS_AUTH_CLIENT_ID and CUSTOS_AUTH_CLIENT_SECRET are required when EMBEDDED_MODE=false/);
  });
});
