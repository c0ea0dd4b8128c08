import 'reflect-metadata';
import { eventTopic, REGISTRY_ORGANISATION_REGISTERED } from '@custos/contracts';
import { ensureEventStoreSchema, EventConsumer, KafkaTransport, OutboxRelay } from '@custos/eventstore';
import { createTestDatabase, testInfra, uniqueTopicPrefix, waitFor } from '@custos/testing';
import { Pool } from 'pg';
import { registryEventRegistry, REGISTRY_SERVICE } from './database/registry.event-store';
import { RegistryTestApp, startRegistryTestApp } from './testing/registry-test-app';

describe('registry events reach another service through the Kafka-protocol broker', () => {
  let t: RegistryTestApp;
  let other: Pool;

  beforeAll(async () => {
    t = await startRegistryTestApp('registry-broker');
    other = new Pool({ connectionString: await createTestDatabase('registry-consumer'), max: 3 });
    other.on('error', () => undefined);
    await ensureEventStoreSchema(other);
    await other.query('CREATE TABLE known_organisations (id text PRIMARY KEY, division_code text NOT NULL, level text NOT NULL)');
  });
  afterAll(async () => {
    await t?.close();
    await other?.end();
  });

  it('relays an organisation registered over HTTP, and a refused camera (R8.1), to a consumer projection in another database', async () => {
    const prefix = uniqueTopicPrefix('registry');
    const brokers = testInfra().kafkaBrokers;
    const relayTransport = new KafkaTransport({ brokers, clientId: 'registry-relay' });
    const consumerTransport = new KafkaTransport({ brokers, clientId: 'other-service', sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 });
    const relay = new OutboxRelay({ service: REGISTRY_SERVICE, connection: { connectionString: t.url }, transport: relayTransport, topicPrefix: prefix, idlePollMs: 100 });
    const seen: string[] = [];
    const consumer = new EventConsumer({
      name: 'other-service-registry-projection',
      topics: [eventTopic(REGISTRY_SERVICE, prefix)],
      pool: other,
      transport: consumerTransport,
      registry: registryEventRegistry(),
      handle: async (event, tx) => {
        seen.push(event.type);
        if (event.type !== REGISTRY_ORGANISATION_REGISTERED) return;
        const p = event.payload as { divisionCode: string; level: string };
        await tx.query('INSERT INTO known_organisations (id, division_code, level) VALUES ($1, $2, $3)', [
          event.aggregateId.slice('organisation:'.length),
          p.divisionCode,
          p.level,
        ]);
      },
    });
    try {
      relay.start();
      await consumer.start();
      const admin = await t.auth('admin.shaanxi');
      for (const [id, divisionCode, level, parentId] of [
        ['org-psb-shaanxi', '610000', 'PROVINCE', undefined],
        ['org-psb-xian', '610100', 'CITY', 'org-psb-shaanxi'],
        ['org-owner-mall', '610113', 'COUNTY', undefined],
      ] as const) {
        const res = await t.post('/v1/organisations', admin, { id, name: id, type: id.includes('owner') ? 'OWNER' : 'PUBLIC_SECURITY', level, divisionCode, ...(parentId ? { parentId } : {}) });
        expect(res.status).toBe(201);
      }
      const system = await t.post('/v1/systems', admin, { id: 'sys-mall', ownerOrganisationId: 'org-owner-mall', name: 'Mall', siteCategories: ['HOTELS_MALLS_VENUES_RESIDENTIAL'], divisionCode: '610113', location: 'x', inPublicPlace: true, signageShown: true });
      expect(system.status).toBe(201);
      const refused = await t.post('/v1/systems/sys-mall/cameras', admin, { id: 'cam-changing-room', name: 'x', locationCategory: 'CHANGING_ROOM', location: 'x' });
      expect(refused.status).toBe(403);

      await waitFor(
        'the other service to hold the three organisations',
        async () => {
          const { rows } = await other.query('SELECT count(*)::int AS n FROM known_organisations');
          return rows[0].n === 3 && seen.includes('registry.ForbiddenCameraRegistrationRefused') ? true : undefined;
        },
        60_000,
        200,
      );
      const { rows } = await other.query('SELECT id, division_code, level FROM known_organisations ORDER BY id');
      expect(rows).toEqual([
        { id: 'org-owner-mall', division_code: '610113', level: 'COUNTY' },
        { id: 'org-psb-shaanxi', division_code: '610000', level: 'PROVINCE' },
        { id: 'org-psb-xian', division_code: '610100', level: 'CITY' },
      ]);
      const dead = await other.query('SELECT count(*)::int AS n FROM es_dead_letters');
      expect(dead.rows[0].n).toBe(0);
    } finally {
      await relay.stop();
      await consumer.stop();
      await Promise.all([relayTransport.close(), consumerTransport.close()]);
    }
  });
});
