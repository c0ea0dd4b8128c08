import 'reflect-metadata';
import { REGISTRY_HEAD_APPOINTED, REGISTRY_ORGANISATION_REGISTERED } from '@custos/contracts';
import { ensureEventStoreSchema } from '@custos/eventstore';
import { createTestDatabase } from '@custos/testing';
import { Pool } from 'pg';
import { registryEventStore, streamOf } from './database/registry.event-store';
import { RegistryTestApp, startRegistryTestApp, startSeededRegistryTestApp } from './testing/registry-test-app';

const ACTOR = { subject: 'bug', roles: ['REGISTRY_ADMIN'] };

describe('registry: a poison event or a race never breaks the lists (issue 14)', () => {
  let t: RegistryTestApp;

  beforeAll(async () => (t = await startSeededRegistryTestApp('registry-resilience')));
  afterAll(() => t?.close());

  const quarantined = async () => (await t.get('/v1/admin/quarantine', 'ops.shaanxi')).body.items as Record<string, unknown>[];

  it('keeps lists and camera lookups answering after an organisation name with a NUL reached the log (R2.1, R5.1)', async () => {
    // What the HTTP edge refuses can still come from a migration or a bug: the kernel must survive it.
    const stream = streamOf.organisation('org-nul');
    const [poison] = await t.store.append({
      aggregateId: stream,
      expectedVersion: 0,
      events: [
        {
          type: REGISTRY_ORGANISATION_REGISTERED,
          schemaVersion: 1,
          payload: { name: 'Owner\u0000Co', type: 'OWNER', level: 'COUNTY', divisionCode: '610113' },
          actor: ACTOR,
          correlationId: 'poison',
        },
      ],
    });
    const [behind] = await t.store.append({
      aggregateId: stream,
      expectedVersion: 1,
      events: [{ type: REGISTRY_HEAD_APPOINTED, schemaVersion: 1, payload: { personId: 'p-1', from: '2026-01-01T00:00:00Z' }, actor: ACTOR, correlationId: 'poison' }],
    });

    const admin = await t.auth('admin.yanta');
    const organisations = await t.get('/v1/organisations', admin);
    expect(organisations.status).toBe(200);
    expect(organisations.body.items.map((o: { id: string }) => o.id)).toContain('org-owner-mall');
    expect((await t.get('/v1/cameras/cam-metro-xiaozhai-exit-d', admin)).status).toBe(200);
    const created = await t.post('/v1/systems/sys-mall-saige/cameras', admin, { id: 'cam-after-poison', name: 'Gate', locationCategory: 'ENTRANCE', location: 'North gate' });
    expect(created.status).toBe(201);
    expect((await t.get('/v1/cameras/cam-after-poison', admin)).status).toBe(200);

    expect(await quarantined()).toEqual([
      expect.objectContaining({ reader: 'registry-lists', eventId: poison.id, state: 'FAILED', error: expect.stringMatching(/^22021: invalid byte sequence/) }),
      expect.objectContaining({ reader: 'registry-lists', eventId: behind.id, state: 'WAITING' }),
    ]);
  });

  it('lets an operator skip the poison with a reason that becomes an event, and refuses anyone else (issue 14)', async () => {
    const [poison] = await quarantined();
    const path = `/v1/admin/quarantine/registry-lists/${poison.eventId}`;
    const body = { decision: 'SKIP', reason: 'OPS-14: NUL in the name, corrected by a new registration' };
    expect((await t.post(path, 'admin.yanta', body)).status).toBe(403);
    const badId = await t.post('/v1/admin/quarantine/registry-lists/not-an-id', 'ops.shaanxi', body);
    expect(badId.status).toBe(404);
    expect(badId.body.code).toBe('CUSTOS_ES_QUARANTINE_NOT_FOUND');
    const replay = await t.post(path, 'ops.shaanxi', { ...body, decision: 'REPLAY' });
    expect(replay.status).toBe(409);
    expect(replay.body.code).toBe('CUSTOS_ES_QUARANTINE_REPLAY_FAILED');

    const skipped = await t.post(path, 'ops.shaanxi', body);
    expect(skipped.status).toBe(200);
    expect(skipped.body).toEqual({ released: 1, stillWaiting: 0 });
    expect(await quarantined()).toEqual([]);
    const decisions = await t.events('registry.QuarantinedEventResolved');
    expect(decisions).toEqual([
      { aggregateId: 'quarantine-decisions:registry', payload: expect.objectContaining({ reader: 'registry-lists', eventId: poison.eventId, decision: 'SKIP', reason: body.reason, released: 1 }) },
    ]);
  });

  it('never answers 500 after committing: an organisation whose name Postgres refuses is either refused with nothing written or registered (R5.1)', async () => {
    const before = await t.head();
    const res = await t.post('/v1/organisations', 'admin.yanta', { id: 'org-nul-http', name: 'Shop\u0000One', type: 'OWNER', level: 'COUNTY', divisionCode: '610113' });
    expect(res.status).not.toBe(500);
    if (res.status === 201) {
      expect(await t.head()).toBe(before + 1);
      expect((await quarantined()).map((q) => q.aggregateId)).toEqual(['organisation:org-nul-http']);
    } else {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(await t.head()).toBe(before);
    }
    expect((await t.get('/v1/organisations', 'admin.yanta')).status).toBe(200);
  });

  it('lets exactly one of parallel registrations of one camera id win, across systems, and answers the others with a coded 409 (R2.1)', async () => {
    const admin = await t.auth('admin.yanta');
    const systems = ['sys-mall-saige', 'sys-bank-xiaozhai', 'sys-hotel-qujiang'];
    const answers = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        t.post(`/v1/systems/${systems[i % systems.length]}/cameras`, admin, { id: 'cam-race', name: `Race ${i}`, locationCategory: 'ENTRANCE', location: 'Door' }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(['CUSTOS_REGISTRY_ALREADY_REGISTERED', 'CUSTOS_ES_CONCURRENCY_CONFLICT']).toContain(a.body.code);
    }
    const registered = (await t.events('registry.CameraRegistered')).filter((e) => e.payload.cameraId === 'cam-race');
    expect(registered).toHaveLength(1);
    const camera = await t.get('/v1/cameras/cam-race', admin);
    expect(camera.status).toBe(200);
    expect(`image-system:${camera.body.imageSystemId}`).toBe(registered[0].aggregateId);
    expect((await quarantined()).filter((q) => String(q.aggregateId).startsWith('image-system:'))).toEqual([]);
  });

  it('starts with a poison event in its log that no catch-up has seen yet (start-up catch-up) (issue 14)', async () => {
    const url = await createTestDatabase('registry-poison-at-start');
    const pool = new Pool({ connectionString: url, max: 2 });
    try {
      await ensureEventStoreSchema(pool);
      await registryEventStore(pool).append({
        aggregateId: streamOf.organisation('org-nul-start'),
        expectedVersion: 0,
        events: [
          {
            type: REGISTRY_ORGANISATION_REGISTERED,
            schemaVersion: 1,
            payload: { name: 'Start\u0000Co', type: 'OWNER', level: 'COUNTY', divisionCode: '610113' },
            actor: ACTOR,
            correlationId: 'poison',
          },
        ],
      });
    } finally {
      await pool.end();
    }
    const restarted = await startRegistryTestApp('unused', url);
    try {
      expect((await restarted.http().get('/v1/organisations').set(await restarted.auth('admin.yanta'))).status).toBe(200);
      const listed = await restarted.http().get('/v1/admin/quarantine').set(await restarted.auth('ops.shaanxi'));
      expect(listed.body.items).toEqual([expect.objectContaining({ aggregateId: 'organisation:org-nul-start', state: 'FAILED' })]);
    } finally {
      await restarted.close();
    }
  });

  it('issues one credential number to one officer only, however many ask at once (R18.1, R18.2)', async () => {
    const admin = await t.auth('admin.yanta');
    const officers = ['off-yanta-li', 'off-yanta-zhang', 'off-yanta-zhao'];
    const answers = await Promise.all(
      officers.map((officer) =>
        t.post(`/v1/officers/${officer}/qualifications`, admin, { credentialNumber: '61011399999', issuedAt: '2026-01-01T00:00:00Z', expiresAt: '2030-01-01T00:00:00Z', backdatingReason: 'test: issued before the clock' }),
      ),
    );
    const ok = answers.filter((a) => a.status < 300);
    expect(ok).toHaveLength(1);
    for (const a of answers.filter((x) => x.status >= 300)) {
      expect(a.status).toBe(409);
      expect(a.body.code).toBe('CUSTOS_REGISTRY_CREDENTIAL_ALREADY_ISSUED');
    }
    const issued = (await t.events('registry.QualificationIssued')).filter((e) => e.payload.credentialNumber === '61011399999');
    expect(issued).toHaveLength(1);
  });
});
