import { INestApplication } from '@nestjs/common';
import { createTestBucket, createTestDatabase, FaultProxy, freePort, testInfra } from '@custos/testing';
import request from 'supertest';
import { CommonConfig } from './config/common.config';
import { loadConfig } from './config/load-config';
import { HealthModule } from './health/health.module';
import { kafkaCheck } from './health/kafka.check';
import { postgresCheck } from './health/postgres.check';
import { ReadinessCheck } from './health/readiness-check';
import { s3Check } from './health/s3.check';
import { PlatformModule } from './platform.module';
import { createConfiguredApp } from './test-support/test-app';

/** A service's wiring: its TypeORM connection to `databaseUrl`, then the checks. */
function serviceLikeModules(databaseUrl: string, checks: ReadinessCheck[]) {
  const config = loadConfig(CommonConfig, { DATABASE_URL: databaseUrl });
  return [
    PlatformModule.forRoot({ service: 'health-test', config }),
    HealthModule.forRoot({ checks }),
  ];
}

function kafka(brokers = testInfra().kafkaBrokers): ReadinessCheck {
  return kafkaCheck({ brokers, timeoutMs: 3000 });
}

function s3(bucket?: string, secretKey = testInfra().s3.secretKey): ReadinessCheck {
  const { s3: endpoint } = testInfra();
  return s3Check({
    endpoint: `${endpoint.useSSL ? 'https' : 'http'}://${endpoint.endPoint}:${endpoint.port}`,
    accessKey: endpoint.accessKey,
    secretKey,
    region: endpoint.region,
    bucket,
    timeoutMs: 3000,
  });
}

async function closedPort(): Promise<number> {
  // freePort binds and releases a port: nothing listens on it afterwards.
  return freePort();
}

describe('/health/ready against real Postgres, Kafka and S3', () => {
  const apps: INestApplication[] = [];
  let databaseUrl: string;
  let bucket: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('platform-health');
    bucket = await createTestBucket('platform-health', { objectLock: true });
  });

  afterAll(async () => {
    await Promise.allSettled(apps.map((a) => a.close()));
  });

  async function start(imports: Parameters<typeof createConfiguredApp>[0]): Promise<INestApplication> {
    const app = await createConfiguredApp(imports);
    apps.push(app);
    return app;
  }

  it('is 200 when the TypeORM connection, the Kafka brokers and the S3 store all answer', async () => {
    const app = await start(serviceLikeModules(databaseUrl, [postgresCheck({ url: databaseUrl }), kafka(), s3(bucket)]));
    const res = await request(app.getHttpServer()).get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      details: {
        postgres: { status: 'up' },
        kafka: { status: 'up', brokers: expect.any(Number) },
        s3: { status: 'up', bucket, bucketExists: true },
      },
    });
  });

  it('is 503 with postgres down when the Postgres URL points to a closed port; liveness stays 200', async () => {
    const url = new URL(databaseUrl);
    url.port = String(await closedPort());
    const app = await start([
      HealthModule.forRoot({ checks: [postgresCheck({ url: url.toString() }), kafka(), s3()] }),
    ]);
    const t0 = Date.now();
    const res = await request(app.getHttpServer()).get('/health/ready');
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      status: 'error',
      error: { postgres: { status: 'down', message: expect.stringMatching(/ECONNREFUSED|connect/) } },
      info: { kafka: { status: 'up' }, s3: { status: 'up' } },
    });
    expect(JSON.stringify(res.body)).not.toContain(url.password);
    expect((await request(app.getHttpServer()).get('/health/live')).status).toBe(200);
  });

  it("follows the service's own connection: 503 while Postgres is cut off, 200 again once it is back", async () => {
    const target = new URL(databaseUrl);
    const proxy = await FaultProxy.start({ host: target.hostname, port: Number(target.port) });
    try {
      const viaProxy = new URL(databaseUrl);
      viaProxy.host = proxy.url;
      const app = await start(serviceLikeModules(viaProxy.toString(), [postgresCheck({ url: viaProxy.toString() })]));
      expect((await request(app.getHttpServer()).get('/health/ready')).status).toBe(200);
      proxy.cut();
      const down = await request(app.getHttpServer()).get('/health/ready');
      expect(down.status).toBe(503);
      expect(down.body.error.postgres.status).toBe('down');
      proxy.restore();
      expect((await request(app.getHttpServer()).get('/health/ready')).status).toBe(200);
    } finally {
      await proxy.close();
    }
  });

  it('is 503 with kafka down when no broker answers, within the timeout', async () => {
    const app = await start([HealthModule.forRoot({ checks: [kafka([`127.0.0.1:${await closedPort()}`])] })]);
    const t0 = Date.now();
    const res = await request(app.getHttpServer()).get('/health/ready');
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(res.status).toBe(503);
    expect(res.body.error.kafka.status).toBe('down');
  });

  it('is 503 with s3 down when the store refuses the credentials, and never shows them', async () => {
    const app = await start([HealthModule.forRoot({ checks: [s3(bucket, 'not-the-secret-key')] })]);
    const res = await request(app.getHttpServer()).get('/health/ready');
    expect(res.status).toBe(503);
    expect(res.body.error.s3.status).toBe('down');
    expect(res.text).not.toContain('not-the-secret-key');
  });
});
