import { Controller, Get, INestApplication } from '@nestjs/common';
import { Counter } from 'prom-client';
import request from 'supertest';
import { CommonConfig } from '../config/common.config';
import { PlatformModule } from '../platform.module';
import { createConfiguredApp } from '../test-support/test-app';
import { MetricsRegistry } from './metrics.registry';

@Controller('requests')
class RequestsController {
  @Get(':id')
  get(): { ok: true } {
    return { ok: true };
  }
}

describe('metrics', () => {
  let first: INestApplication;
  let second: INestApplication;

  beforeAll(async () => {
    first = await createConfiguredApp([PlatformModule.forRoot({ service: 'requests', config: new CommonConfig() })], {
      controllers: [RequestsController],
    });
    second = await createConfiguredApp([PlatformModule.forRoot({ service: 'ledger', config: new CommonConfig() })]);
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('serves Prometheus text with the default Node metrics, labelled with the service', async () => {
    const res = await request(first.getHttpServer()).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/^process_cpu_user_seconds_total\{service="requests"\} /m);
    expect(res.text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('counts requests by route pattern, never by the ids in the path', async () => {
    await request(first.getHttpServer()).get('/v1/requests/8d1c0b3e-0000-4000-8000-000000000001');
    await request(first.getHttpServer()).get('/v1/requests/8d1c0b3e-0000-4000-8000-000000000002');
    const text = (await request(first.getHttpServer()).get('/metrics')).text;
    expect(text).toMatch(
      /http_request_duration_seconds_count\{service="requests",method="GET",route="\/v1\/requests\/:id",status="200"\} 2/,
    );
    expect(text).not.toContain('8d1c0b3e');
  });

  it("lets other code register its metrics in the application's registry, and only there", async () => {
    const registry = first.get(MetricsRegistry);
    new Counter({ name: 'custos_test_exports_total', help: 'exports packaged', registers: [registry] }).inc(3);
    expect((await request(first.getHttpServer()).get('/metrics')).text).toContain(
      'custos_test_exports_total{service="requests"} 3',
    );
    expect((await request(second.getHttpServer()).get('/metrics')).text).not.toContain('custos_test_exports_total');
  });

  it('provides the config under CommonConfig for injection', () => {
    expect(first.get(CommonConfig)).toBeInstanceOf(CommonConfig);
  });
});
