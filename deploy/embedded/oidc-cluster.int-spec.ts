import { generateKeyPairSync } from 'node:crypto';
import { DynamicModule, INestApplication } from '@nestjs/common';
import { clientCredentialsToken, loadConfig } from '@custos/platform';
import {
  createTestBucket,
  createTestDatabase,
  freePort,
  infraToEnv,
  signInWithPkce,
  startTestApp,
  TEST_OIDC,
  TEST_OIDC_CLAIM_SETTINGS,
  testInfra,
  testOidcIssuer,
  testServiceAudience,
  testServiceClient,
  uniqueTopicPrefix,
} from '@custos/testing';
import request from 'supertest';
import { AppModule as RegistryAppModule } from '../../services/registry/src/app.module';
import { RegistryConfig } from '../../services/registry/src/registry.config';
import { RegistryDemoSeeder } from '../../services/registry/src/seed/registry-demo.seeder';
import { AppModule as StorageAppModule } from '../../services/storage/src/app.module';
import { StorageConfig } from '../../services/storage/src/storage.config';

/**
 * Cluster mode against a REAL OpenID provider (the harness's oidc-provider), configured by the
 * documented CUSTOS_AUTH_* settings alone: the registry and storage (their AppModules,
 * EMBEDDED_MODE=false, no development issuer anywhere) verify its JWT access tokens offline
 * against its JWKS; a person signs in with authorization code + PKCE; storage calls the
 * registry with short-lived client-credentials tokens of its own client (issue 16, R3.1).
 */
describe('services signed in through a real OpenID provider (R3.1, R16.3)', () => {
  const apps: INestApplication[] = [];
  let issuer: string;
  let registry: INestApplication;
  let storage: INestApplication;

  const serviceToken = (service: string, target: string, scopes?: string[]) =>
    clientCredentialsToken({ issuer, client: testServiceClient(service), audience: testServiceAudience(target), scopes })();

  const start = async (moduleDef: DynamicModule, service: string, port: number) => {
    const { app } = await startTestApp(moduleDef, { service, port });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    issuer = testOidcIssuer();
    const infra = testInfra();
    const { S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION } = infraToEnv(infra);
    const s3 = { S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION };
    const common = {
      EMBEDDED_MODE: 'false',
      EVENT_BUS: 'kafka',
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: uniqueTopicPrefix('oidc-cluster'),
      CUSTOS_AUTH_ISSUER: issuer,
      CUSTOS_AUTH_AUDIENCE: TEST_OIDC.apiResource,
      CUSTOS_AUTH_JWKS_URL: `${issuer}/jwks`,
      ...TEST_OIDC_CLAIM_SETTINGS,
    };
    const registryPort = await freePort();
    registry = await start(
      RegistryAppModule.forRoot(
        loadConfig(RegistryConfig, { ...common, PORT: String(registryPort), DATABASE_URL: await createTestDatabase('oidc-registry') }),
      ),
      'registry',
      registryPort,
    );
    await registry.get(RegistryDemoSeeder, { strict: false }).seed();

    const storagePort = await freePort();
    storage = await start(
      StorageAppModule.forRoot(
        loadConfig(StorageConfig, {
          ...common,
          PORT: String(storagePort),
          DATABASE_URL: await createTestDatabase('oidc-storage'),
          STORAGE_DRIVER: 's3',
          ...s3,
          S3_BUCKET_FOOTAGE: await createTestBucket('oidc-footage', { objectLock: true }),
          REGISTRY_URL: `http://127.0.0.1:${registryPort}`,
          APPROVALS_URL: 'http://127.0.0.1:9',
          EXPORT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          CUSTOS_AUTH_CLIENT_ID: testServiceClient('storage').clientId,
          CUSTOS_AUTH_CLIENT_SECRET: testServiceClient('storage').clientSecret,
        }),
      ),
      'storage',
      storagePort,
    );
  });

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
  });

  const ingest = (segmentId: string, cameraId: string, token: string) =>
    request(storage.getHttpServer())
      .put(`/v1/footage/segments/${segmentId}`)
      .query({ cameraId, from: '2026-02-01T10:00:00Z', to: '2026-02-01T11:00:00Z', container: 'mp4', codec: 'h264' })
      .set('content-type', 'application/octet-stream')
      .set('authorization', `Bearer ${token}`)
      .send(Buffer.from(`footage of ${cameraId}`));

  it("signs an owner's operator in (authorization code + PKCE) and takes a segment whose camera storage reads at the registry with its own client's token (R16.3)", async () => {
    const { accessToken } = await signInWithPkce(issuer, 'operator.metro');
    const response = await ingest('seg-oidc-1', 'cam-metro-xiaozhai-exit-d', accessToken);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ segmentId: 'seg-oidc-1', organisationId: 'org-owner-metro' });
  });

  it('lets a signed-in officer read the registry, and refuses one whose roles claim names no Custos role (issue 16)', async () => {
    const officer = await signInWithPkce(issuer, 'officer.li');
    const read = await request(registry.getHttpServer()).get('/v1/organisations').set('authorization', `Bearer ${officer.accessToken}`);
    expect(read.status).toBe(200);
    const nobody = await signInWithPkce(issuer, 'nobody.roles');
    const refused = await request(registry.getHttpServer()).get('/v1/organisations').set('authorization', `Bearer ${nobody.accessToken}`);
    expect([refused.status, refused.body.code]).toEqual([401, 'CUSTOS_AUTH_CLAIMS_INVALID']);
  });

  it("takes a service's token for its own audience only: storage's token for the registry is refused by storage, and the reverse", async () => {
    const forRegistry = await serviceToken('custody', 'registry');
    expect((await request(registry.getHttpServer()).get('/v1/organisations').set('authorization', `Bearer ${forRegistry}`)).status).toBe(200);
    const atStorage = await request(storage.getHttpServer()).get('/v1/footage/segments/seg-oidc-1/content').set('authorization', `Bearer ${forRegistry}`);
    expect([atStorage.status, atStorage.body.code]).toEqual([401, 'CUSTOS_AUTH_WRONG_AUDIENCE']);
  });

  it("serves segment bytes to custody's client (given custos:segments.read) and refuses another service's client (R3.1)", async () => {
    const custody = await serviceToken('custody', 'storage', ['custos:segments.read']);
    const bytes = await request(storage.getHttpServer()).get('/v1/footage/segments/seg-oidc-1/content').set('authorization', `Bearer ${custody}`);
    expect(bytes.status).toBe(200);
    const requests = await serviceToken('requests', 'storage');
    const refused = await request(storage.getHttpServer()).get('/v1/footage/segments/seg-oidc-1/content').set('authorization', `Bearer ${requests}`);
    expect([refused.status, refused.body.code]).toEqual([403, 'CUSTOS_AUTH_SCOPE_REQUIRED']);
    // The provider itself refuses the scope to a client not given it.
    await expect(serviceToken('requests', 'storage', ['custos:segments.read'])).rejects.toThrow(/invalid_scope/);
  });
});
