import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Principal, startTestIssuer, TestIssuer } from '@custos/auth';
import { EventDefinition, EventRegistry } from '@custos/contracts';
import { ensureEventStoreSchema, EventStore, KafkaTransport, OutboxRelay } from '@custos/eventstore';
import { loadConfig } from '@custos/platform';
import { createTestDatabase, startTestApp, testInfra, uniqueTopicPrefix } from '@custos/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { AppModule, SERVICE } from '../app.module';
import { OversightConfig } from '../oversight.config';

/** Another service's event store on its own database, relayed to the broker as the service's relay does. */
export interface ForeignService {
  readonly store: EventStore;
  readonly pool: Pool;
  readonly url: string;
  /** Appends one event on `aggregateId`, by `actor`, at any version. */
  append(
    aggregateId: string,
    type: string,
    payload: object,
    actor?: { subject: string; personId?: string; organisationId?: string },
  ): Promise<void>;
}

export interface OversightTestStack {
  readonly app: INestApplication;
  readonly pool: Pool;
  readonly prefix: string;
  readonly issuer: TestIssuer;
  as(
    principal: Principal,
  ): Promise<{ get(path: string): request.Test; post(path: string, body?: object): request.Test }>;
  /** A relayed store of another service (`registry`, `requests` …) with its events' definitions; one per service. */
  foreign(service: string, definitions: readonly EventDefinition[]): Promise<ForeignService>;
  /** Relays an existing service database (a real service's, e.g. the registry test app's) to the broker. */
  relay(service: string, databaseUrl: string): void;
  close(): Promise<void>;
}

/**
 * The oversight service as it runs in the cluster (its root module, EVENT_BUS=kafka) against
 * the harness's Postgres and Kafka-protocol broker, under a topic prefix of its own, with
 * tokens from a test issuer; other services' events reach it through real relays.
 */
export async function startOversightTestStack(label: string, env: NodeJS.ProcessEnv = {}): Promise<OversightTestStack> {
  const issuer = await startTestIssuer();
  const prefix = uniqueTopicPrefix(label);
  const brokers = testInfra().kafkaBrokers;
  const databaseUrl = await createTestDatabase(label);
  const auth = issuer.authConfig();
  const config = loadConfig(OversightConfig, {
    DATABASE_URL: databaseUrl,
    EVENT_BUS: 'kafka',
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    CUSTOS_AUTH_ISSUER: auth.issuer,
    CUSTOS_AUTH_AUDIENCE: auth.audience,
    CUSTOS_AUTH_JWKS_URL: auth.jwksUrl,
    ...env,
  });
  const { app } = await startTestApp(AppModule.forRoot(config), { service: SERVICE, swagger: true });
  const pool = new Pool({ connectionString: databaseUrl, max: 3 });
  pool.on('error', () => undefined);
  const relays: { relay: OutboxRelay; transport: KafkaTransport }[] = [];
  const pools: Pool[] = [pool];
  const foreigners = new Map<string, Promise<ForeignService>>();
  const relay = (service: string, url: string) => {
    const transport = new KafkaTransport({ brokers, clientId: `${service}-relay-${label}` });
    const r = new OutboxRelay({
      service,
      connection: { connectionString: url },
      transport,
      topicPrefix: prefix,
      idlePollMs: 100,
    });
    r.start();
    relays.push({ relay: r, transport });
  };
  return {
    app,
    pool,
    prefix,
    issuer,
    as: async (principal) => {
      const authorization = `Bearer ${await issuer.tokenFor(principal)}`;
      return {
        get: (path) => request(app.getHttpServer()).get(path).set('authorization', authorization),
        post: (path, body = {}) =>
          request(app.getHttpServer()).post(path).set('authorization', authorization).send(body),
      };
    },
    foreign: (service, definitions) => {
      if (!foreigners.has(service)) foreigners.set(service, foreignService(service, definitions));
      return foreigners.get(service)!;
    },
    relay,
    close: async () => {
      for (const { relay: r, transport } of relays) {
        await r.stop();
        await transport.close();
      }
      await app.close();
      await Promise.all(pools.map((p) => p.end()));
      await issuer.close();
    },
  };

  async function foreignService(service: string, definitions: readonly EventDefinition[]): Promise<ForeignService> {
    const url = await createTestDatabase(`${label}-${service}`);
    const foreignPool = new Pool({ connectionString: url, max: 3 });
    foreignPool.on('error', () => undefined);
    pools.push(foreignPool);
    await ensureEventStoreSchema(foreignPool);
    const store = new EventStore(foreignPool, service, new EventRegistry().register(...definitions));
    relay(service, url);
    return {
      store,
      pool: foreignPool,
      url,
      append: async (aggregateId, type, payload, actor = { subject: `service:${service}` }) => {
        await store.append({
          aggregateId,
          expectedVersion: 'any',
          events: [
            { type, schemaVersion: 1, payload: payload as Record<string, unknown>, actor, correlationId: randomUUID() },
          ],
        });
      },
    };
  }
}
