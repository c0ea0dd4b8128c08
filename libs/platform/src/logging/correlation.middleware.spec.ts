import { Controller, Get, INestApplication, Logger } from '@nestjs/common';
import request from 'supertest';
import { createConfiguredApp } from '../test-support/test-app';
import { correlationIdFrom } from './correlation.middleware';
import { JsonLogger } from './json.logger';
import { currentCorrelationId } from './request-context';

@Controller('work')
class WorkController {
  private readonly logger = new Logger('Work');

  /** Awaits on purpose: the id must survive the async hops a real handler makes. */
  @Get()
  async work(): Promise<{ seen: string | undefined }> {
    await new Promise((r) => setTimeout(r, 5));
    await Promise.resolve();
    this.logger.log({ msg: 'did the work', requestId: 'r-1' });
    return { seen: currentCorrelationId() };
  }
}

describe('correlation ids', () => {
  let app: INestApplication;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const logger = new JsonLogger({ service: 'requests', write: (l) => lines.push(JSON.parse(l)) });
    app = await createConfiguredApp([], { service: 'requests', controllers: [WorkController], logger });
  });

  afterAll(() => app.close());

  it("takes the caller's x-correlation-id, echoes it and carries it through the handler's log lines", async () => {
    const res = await request(app.getHttpServer()).get('/v1/work').set('x-correlation-id', 'case-2024-0042');
    expect(res.headers['x-correlation-id']).toBe('case-2024-0042');
    expect(res.body).toEqual({ seen: 'case-2024-0042' });
    expect(lines).toContainEqual(
      expect.objectContaining({
        correlationId: 'case-2024-0042',
        service: 'requests',
        context: 'Work',
        msg: 'did the work',
        requestId: 'r-1',
      }),
    );
  });

  it('makes a UUID when the caller sends none', async () => {
    const res = await request(app.getHttpServer()).get('/v1/work');
    const id = res.headers['x-correlation-id'];
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(res.body).toEqual({ seen: id });
  });

  it('keeps concurrent requests apart', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `parallel-${i}`);
    const responses = await Promise.all(
      ids.map((id) => request(app.getHttpServer()).get('/v1/work').set('x-correlation-id', id)),
    );
    expect(responses.map((r) => r.body.seen)).toEqual(ids);
  });

  it('replaces an id that could inject text into logs or headers', () => {
    for (const bad of ['', 'a b', 'x'.repeat(200), '{"level":"fatal"}', 'id\nforged']) {
      expect(correlationIdFrom(bad)).not.toBe(bad);
    }
    expect(correlationIdFrom(['first-id', 'second-id'])).toBe('first-id');
  });
});
