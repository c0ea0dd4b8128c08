import { Controller, Get, INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createConfiguredApp } from '../test-support/test-app';
import { JsonLogger } from './json.logger';

@Controller('t')
class PlainController {
  @Get('ok')
  ok(): { ok: boolean } {
    return { ok: true };
  }
}

describe('the access log', () => {
  let app: INestApplication;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const logger = new JsonLogger({ service: 'test', level: 'info', write: (l) => lines.push(JSON.parse(l)) });
    app = await createConfiguredApp([], { controllers: [PlainController], logger });
  });
  afterAll(() => app.close());

  const accessLines = () => lines.filter((l) => l.context === 'Access');
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('writes one line per request with its correlation id, status and duration, without the query', async () => {
    await request(app.getHttpServer()).get('/v1/t/ok?case=secret').set('x-correlation-id', 'c-access');
    await request(app.getHttpServer()).get('/v1/t/nowhere').set('x-correlation-id', 'c-missing');
    await settle();
    expect(accessLines().find((l) => l.correlationId === 'c-access')).toMatchObject({
      level: 'info',
      service: 'test',
      msg: 'request',
      method: 'GET',
      path: '/v1/t/ok',
      status: 200,
      durationMs: expect.any(Number),
    });
    expect(accessLines().find((l) => l.correlationId === 'c-missing')).toMatchObject({ path: '/v1/t/nowhere', status: 404 });
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it("keeps the probes' lines out of the info log", async () => {
    lines.length = 0;
    await request(app.getHttpServer()).get('/health/live');
    await settle();
    expect(accessLines()).toEqual([]);
  });
});
