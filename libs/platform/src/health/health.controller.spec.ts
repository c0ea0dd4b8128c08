import { INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import request from 'supertest';
import { PUBLIC_ROUTE } from '../http/public.decorator';
import { createConfiguredApp } from '../test-support/test-app';
import { embeddedBusCheck } from './embedded-bus.check';
import { HealthController } from './health.controller';
import { HealthModule } from './health.module';
import { ReadinessCheck, withTimeout } from './readiness-check';

function fixed(key: string, up: boolean, details?: Record<string, unknown>): ReadinessCheck & { closed: boolean } {
  const check = {
    key,
    closed: false,
    run: async () => ({ up, details }),
    close: async () => {
      check.closed = true;
    },
  };
  return check;
}

describe('health endpoints', () => {
  let app: INestApplication;
  let busUp = true;
  const database = fixed('postgres', true);

  beforeAll(async () => {
    app = await createConfiguredApp([HealthModule.forRoot({ checks: [database, embeddedBusCheck(() => busUp)] })]);
  });

  afterAll(() => app?.close());

  it('answers liveness with 200 whatever the dependencies', async () => {
    busUp = false;
    const res = await request(app.getHttpServer()).get('/health/live');
    busUp = true;
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers readiness with 200 and every check when all are up', async () => {
    const res = await request(app.getHttpServer()).get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      details: { postgres: { status: 'up' }, bus: { status: 'up', transport: 'embedded' } },
    });
  });

  it('answers readiness with 503 naming the check that is down', async () => {
    busUp = false;
    const res = await request(app.getHttpServer()).get('/health/ready');
    busUp = true;
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      status: 'error',
      info: { postgres: { status: 'up' } },
      error: { bus: { status: 'down', message: 'the in-process bus is stopped' } },
    });
  });

  it('marks both routes public, so the auth guard lets probes through', () => {
    const reflector = new Reflector();
    expect(reflector.get(PUBLIC_ROUTE, HealthController)).toBe(true);
  });

  it('closes what the checks hold when the application closes', async () => {
    const local = fixed('postgres', true);
    const other = await createConfiguredApp([HealthModule.forRoot({ checks: [local] })]);
    await other.close();
    expect(local.closed).toBe(true);
  });
});

describe('withTimeout', () => {
  it('fails a dependency that does not answer in time', async () => {
    await expect(withTimeout(new Promise(() => undefined), 20, 'Kafka')).rejects.toThrow(
      'Kafka did not answer within 20 ms',
    );
  });
});
