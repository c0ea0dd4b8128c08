// @custos/contracts holds class-transformer @Type decorators, which need the metadata polyfill Nest loads.
import 'reflect-metadata';
import { Controller, Get, INestApplication, Param, Post } from '@nestjs/common';
import { aPrincipal, AuthModule, Public, Roles, startTestIssuer, TestIssuer } from '@custos/auth';
import { accessDeniedDefinition, accessDeniedEventType, EventEnvelope, EventRegistry } from '@custos/contracts';
import { ensureEventStoreSchema, EventStore } from '@custos/eventstore';
import { createTestDatabase, waitFor } from '@custos/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { CommonConfig } from '../config/common.config';
import { loadConfig } from '../config/load-config';
import { PlatformModule } from '../platform.module';
import { createConfiguredApp } from '../test-support/test-app';
import { EventStoreAccessDenialRecorder } from './access-denial.recorder';

const SERVICE = 'flood';
const DENIED = accessDeniedEventType(SERVICE);

/** The store under test for the 503 route: set per test. */
let overloadedStore: EventStore | undefined;

@Controller()
class FloodTestController {
  @Get('things/:id')
  @Roles('OFFICER')
  thing(@Param('id') id: string) {
    return { id };
  }

  @Get('admin/things/:id')
  @Roles('REGISTRY_ADMIN')
  adminThing(@Param('id') id: string) {
    return { id };
  }

  @Public()
  @Get('open')
  open() {
    return { open: true };
  }

  @Post('things')
  @Roles('OFFICER')
  async append() {
    await (overloadedStore as EventStore).append({
      aggregateId: `thing-${Math.random()}`,
      expectedVersion: 'any',
      events: [
        {
          type: DENIED,
          schemaVersion: 1,
          payload: { code: 'CUSTOS_X', status: 400, rule: 'none', method: 'POST', path: '/things', reason: 'x', at: new Date().toISOString() },
          actor: { subject: 'test' },
          correlationId: 'c',
        },
      ],
    });
    return { ok: true };
  }
}

describe('an audit trail no one can flood (issue 16)', () => {
  let issuer: TestIssuer;
  let pool: Pool;
  let store: EventStore;
  const apps: INestApplication[] = [];

  beforeAll(async () => {
    issuer = await startTestIssuer();
    pool = new Pool({ connectionString: await createTestDatabase('audit-flood'), max: 8 });
    pool.on('error', () => undefined);
    await ensureEventStoreSchema(pool);
    store = new EventStore(pool, SERVICE, new EventRegistry().register(accessDeniedDefinition(SERVICE)));
  });
  afterAll(async () => {
    await Promise.allSettled(apps.map((a) => a.close()));
    await pool?.end();
    await issuer?.close();
  });

  /** The window is long: the tests close the application, which writes the open window. */
  async function start(settings: Record<string, string> = {}, windowMs = 60_000): Promise<INestApplication> {
    const config = loadConfig(CommonConfig, { DATABASE_URL: 'postgres://unused@127.0.0.1/unused', ...settings });
    const recorder = new EventStoreAccessDenialRecorder(store, SERVICE, { windowMs });
    const app = await createConfiguredApp(
      [PlatformModule.forRoot({ service: SERVICE, config }), AuthModule.forRoot(issuer.authConfig(), { recorder: { useValue: recorder } })],
      { service: SERVICE, controllers: [FloodTestController] },
    );
    apps.push(app);
    return app;
  }

  const denials = async (): Promise<EventEnvelope[]> =>
    (await pool.query(`SELECT envelope FROM es_events WHERE type = $1 ORDER BY sequence`, [DENIED])).rows.map(
      (r) => r.envelope as EventEnvelope,
    );

  it('writes 40 anonymous 401s on attacker-chosen paths as one event with count 40 and the route pattern, never the raw path', async () => {
    const app = await start();
    const before = (await denials()).length;
    const junk = (i: number) => `${'x'.repeat(1500)}-${i}`;
    for (let i = 0; i < 40; i++) {
      const res = await request(app.getHttpServer()).get(`/v1/things/${junk(i)}`);
      expect([res.status, res.body.code]).toEqual([401, 'CUSTOS_AUTH_TOKEN_MISSING']);
    }
    expect(await denials()).toHaveLength(before);
    await app.close();
    const written = (await denials()).slice(before);
    expect(written).toHaveLength(1);
    expect(written[0].payload).toMatchObject({
      code: 'CUSTOS_AUTH_TOKEN_MISSING',
      status: 401,
      path: '/v1/things/:id',
      route: '/v1/things/:id',
      source: expect.stringMatching(/127\.0\.0\.1$/),
      count: 40,
      windowStart: expect.any(String),
      windowEnd: expect.any(String),
    });
    expect(JSON.stringify(written)).not.toContain('xxxxxxxxxx');
  });

  it('writes a window when it closes: one event per code and route, missing and malformed tokens on two routes being four', async () => {
    const app = await start({}, 1_000);
    const before = (await denials()).length;
    for (const path of ['/v1/things/a', '/v1/things/b', '/v1/admin/things/a']) {
      await request(app.getHttpServer()).get(path).expect(401);
      await request(app.getHttpServer()).get(path).set('authorization', 'Bearer not-a-token').expect(401);
    }
    const after = await waitFor('the window written', async () => {
      const all = await denials();
      const tallied = all.slice(before).reduce((sum, e) => sum + Number(e.payload.count), 0);
      return tallied >= 6 ? all : undefined;
    }, 10_000, 100);
    const tallies = after.slice(before).map((e) => [e.payload.code, e.payload.route, e.payload.count]);
    // Six requests may straddle two windows on a slow machine: the counts add up either way.
    const total = (code: string, route: string) =>
      tallies.filter(([c, r]) => c === code && r === route).reduce((sum, [, , n]) => sum + Number(n), 0);
    expect(total('CUSTOS_AUTH_TOKEN_MISSING', '/v1/things/:id')).toBe(2);
    expect(total('CUSTOS_AUTH_TOKEN_MISSING', '/v1/admin/things/:id')).toBe(1);
    expect(total('CUSTOS_AUTH_TOKEN_MALFORMED', '/v1/things/:id')).toBe(2);
    expect(total('CUSTOS_AUTH_TOKEN_MALFORMED', '/v1/admin/things/:id')).toBe(1);
    expect(new Set(tallies.map(([c, r]) => `${c} ${r}`)).size).toBe(4);
  });

  it('keeps each authenticated refusal one event of its own, with its raw path and subject (R16.6)', async () => {
    const app = await start({}, 60_000);
    const before = (await denials()).length;
    const token = await issuer.tokenFor(aPrincipal({ roles: ['OFFICER'] }));
    for (const id of ['one', 'two', 'three']) {
      await request(app.getHttpServer()).get(`/v1/admin/things/${id}`).set('authorization', `Bearer ${token}`).expect(403);
    }
    const written = (await denials()).slice(before);
    expect(written.map((e) => [e.payload.path, e.payload.subject, e.payload.count])).toEqual([
      ['/v1/admin/things/one', aPrincipal().subject, undefined],
      ['/v1/admin/things/two', aPrincipal().subject, undefined],
      ['/v1/admin/things/three', aPrincipal().subject, undefined],
    ]);
  });

  it('answers a source past its anonymous allowance 429 CUSTOS_RATE_LIMITED with Retry-After, on public routes and for refused tokens alike', async () => {
    const app = await start({ RATE_LIMIT_ANONYMOUS_PER_MIN: '5' });
    for (let i = 0; i < 3; i++) await request(app.getHttpServer()).get('/v1/open').expect(200);
    for (let i = 0; i < 2; i++) await request(app.getHttpServer()).get('/v1/things/1').set('authorization', 'Bearer forged').expect(401);
    const limited = await request(app.getHttpServer()).get('/v1/open');
    expect([limited.status, limited.body.code]).toEqual([429, 'CUSTOS_RATE_LIMITED']);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const badToken = await request(app.getHttpServer()).get('/v1/things/1').set('authorization', 'Bearer forged');
    expect([badToken.status, badToken.body.code]).toEqual([429, 'CUSTOS_RATE_LIMITED']);
    expect(limited.body.details).toMatchObject({ by: 'source' });
  });

  it('limits each principal on its own: past its allowance 429 with Retry-After, another principal still served', async () => {
    const app = await start({ RATE_LIMIT_PRINCIPAL_PER_MIN: '3' });
    const wang = await issuer.tokenFor(aPrincipal({ subject: 'sub-wang' }));
    const li = await issuer.tokenFor(aPrincipal({ subject: 'sub-li' }));
    for (let i = 0; i < 3; i++) await request(app.getHttpServer()).get('/v1/things/1').set('authorization', `Bearer ${wang}`).expect(200);
    const limited = await request(app.getHttpServer()).get('/v1/things/1').set('authorization', `Bearer ${wang}`);
    expect([limited.status, limited.body.code, limited.body.details?.by]).toEqual([429, 'CUSTOS_RATE_LIMITED', 'principal']);
    expect(Number(limited.headers['retry-after'])).toBe(20);
    await request(app.getHttpServer()).get('/v1/things/1').set('authorization', `Bearer ${li}`).expect(200);
  });

  it('bounds the group-commit queue: past it an append answers 503 CUSTOS_ES_OVERLOADED with Retry-After and stores nothing; the queued are stored', async () => {
    overloadedStore = new EventStore(pool, SERVICE, new EventRegistry().register(accessDeniedDefinition(SERVICE)), { maxQueuedAppends: 2 });
    const app = await start();
    const token = await issuer.tokenFor(aPrincipal());
    const head = await store.headSequence();
    // Hold the sequence lock, so that the first commit waits and the others queue behind it.
    const holder = await pool.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT last FROM es_sequence FOR UPDATE');
    const answers: request.Response[] = [];
    const pending = Array.from({ length: 30 }, () =>
      request(app.getHttpServer())
        .post('/v1/things')
        .set('authorization', `Bearer ${token}`)
        .send({})
        .then((r) => void answers.push(r)),
    );
    try {
      await waitFor('the overflow answered', async () => (answers.length >= 27 ? true : undefined), 10_000, 50);
    } finally {
      await holder.query('COMMIT');
      holder.release();
    }
    await Promise.all(pending);
    const overloaded = answers.filter((a) => a.status === 503);
    expect(overloaded).toHaveLength(27);
    expect(overloaded[0].body.code).toBe('CUSTOS_ES_OVERLOADED');
    expect(overloaded[0].headers['retry-after']).toBe('1');
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    expect((await store.headSequence()) - head).toBe(3);
  });
});
