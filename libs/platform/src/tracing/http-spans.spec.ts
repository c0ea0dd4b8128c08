import { Controller, Get, INestApplication, Module, Param } from '@nestjs/common';
import { startOtlpReceiver, OtlpReceiver } from '@custos/testing';
import request from 'supertest';
import { CommonConfig } from '../config/common.config';
import { loadConfig } from '../config/load-config';
import { JsonLogger } from '../logging/json.logger';
import { createConfiguredApp } from '../test-support/test-app';

@Controller('cases')
class CasesController {
  @Get(':id')
  one(@Param('id') id: string): { id: string } {
    if (id === 'broken') throw new Error('a bug');
    return { id };
  }
}

describe('server spans (issue 15)', () => {
  let receiver: OtlpReceiver;
  let app: INestApplication;
  const lines: Record<string, unknown>[] = [];
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const callerSpan = '00f067aa0ba902b7';

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    const config = loadConfig(CommonConfig, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '50' });
    @Module({ providers: [{ provide: CommonConfig, useValue: config }], exports: [CommonConfig] })
    class ConfigModule {}
    const logger = new JsonLogger({ service: 'cases', level: 'info', write: (l) => lines.push(JSON.parse(l)) });
    app = await createConfiguredApp([ConfigModule], { service: 'cases', controllers: [CasesController], logger });
  });
  afterAll(() => receiver.close());

  it("continues the caller's trace in a span named by the route pattern, with the status, the correlation id, and the trace id in the access line", async () => {
    await request(app.getHttpServer()).get('/v1/cases/42').set({ traceparent: `00-${traceId}-${callerSpan}-01`, 'x-correlation-id': 'c-span' }).expect(200);
    await request(app.getHttpServer()).get('/v1/cases/broken').set('x-correlation-id', 'c-broken').expect(500);
    await app.close();
    const served = receiver.spans.find((s) => s.traceId === traceId);
    expect(served).toMatchObject({
      service: 'cases',
      name: 'GET /v1/cases/:id',
      kind: 2,
      parentSpanId: callerSpan,
      attributes: expect.objectContaining({ 'http.route': '/v1/cases/:id', 'http.response.status_code': 200, 'custos.correlation_id': 'c-span' }),
    });
    const broken = receiver.spans.find((s) => s.attributes['custos.correlation_id'] === 'c-broken');
    expect(broken).toMatchObject({ name: 'GET /v1/cases/:id', attributes: expect.objectContaining({ 'http.response.status_code': 500 }) });
    expect(broken).not.toHaveProperty('parentSpanId');
    expect(lines.find((l) => l.context === 'Access' && l.correlationId === 'c-span')).toMatchObject({ status: 200, traceId });
  });
});
