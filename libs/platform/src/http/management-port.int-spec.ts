import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createTestDatabase, freePort } from '@custos/testing';
import { CommonConfig } from '../config/common.config';
import { loadConfig } from '../config/load-config';
import { HealthModule } from '../health/health.module';
import { postgresCheck } from '../health/postgres.check';
import { PlatformModule } from '../platform.module';
import { silentLogger } from '../test-support/test-app';
import { configureApp } from './configure-app';
import { listenOnManagementPort } from './management-port';

/**
 * The management port (issue 16): metrics, the OpenAPI document and readiness details answer
 * there only, so the service port tells an outsider nothing about the deployment, while
 * Prometheus scrapes the management port. A real application on real Postgres, both ports
 * listening as `bootstrapService` makes them listen.
 */
describe('the management port (issue 16)', () => {
  let app: INestApplication;
  let service: string;
  let management: string;
  let managementPort: number;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase('management-port');
    managementPort = await freePort();
    const config = loadConfig(CommonConfig, { DATABASE_URL: databaseUrl, MANAGEMENT_PORT: String(managementPort) });
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ service: 'management-test', config }), HealthModule.forRoot({ checks: [postgresCheck({ url: databaseUrl })] })],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureApp(app, { service: 'management-test', logger: silentLogger, swagger: true });
    await app.listen(0, '127.0.0.1');
    await listenOnManagementPort(app, managementPort, '127.0.0.1');
    service = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    management = `http://127.0.0.1:${managementPort}`;
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each(['/metrics', '/docs', '/docs-json', '/docs/swagger-ui.css'])('answers %s on the service port with 404 CUSTOS_NOT_FOUND', async (path) => {
    const response = await fetch(`${service}${path}`);
    expect([response.status, ((await response.json()) as { code?: string }).code]).toEqual([404, 'CUSTOS_NOT_FOUND']);
  });

  it('says on the service port whether it is ready, without naming its dependencies', async () => {
    const response = await fetch(`${service}/health/ready`);
    expect([response.status, await response.json()]).toEqual([200, { status: 'ok' }]);
    expect((await fetch(`${service}/health/live`)).status).toBe(200);
  });

  it('serves the metrics, the OpenAPI document and the readiness details on the management port', async () => {
    const metrics = await fetch(`${management}/metrics`);
    expect([metrics.status, (await metrics.text()).includes('http_request_duration_seconds')]).toEqual([200, true]);
    const document = await fetch(`${management}/docs-json`);
    expect(((await document.json()) as { info: { title: string } }).info.title).toBe('Custos management-test');
    const ready = await fetch(`${management}/health/ready`);
    expect(await ready.json()).toMatchObject({ status: 'ok', details: { postgres: { status: 'up' } } });
  });

  it('stops listening on the management port when the application closes', async () => {
    const closing = app;
    app = undefined as unknown as INestApplication;
    await closing.close();
    await expect(fetch(`${management}/metrics`)).rejects.toThrow();
  });
});
