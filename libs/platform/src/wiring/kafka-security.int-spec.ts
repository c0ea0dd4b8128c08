import { EventRegistry, eventTopic } from '@custos/contracts';
import {
  ensureEventStoreSchema,
  EventConsumer,
  EventStore,
  EventTransport,
  KafkaSecurity,
  KafkaTransport,
  OutboxRelay,
} from '@custos/eventstore';
import {
  createTestDatabase,
  KafkaSecureFront,
  TEST_KAFKA_AUDIENCE,
  testInfra,
  testOidcIssuer,
  testServiceClient,
  uniqueTopicPrefix,
  waitFor,
} from '@custos/testing';
import { IsInt } from 'class-validator';
import { decodeJwt } from 'jose';
import { Kafka, KafkaConfig, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { CommonConfig } from '../config/common.config';
import { loadConfig } from '../config/load-config';
import { clientCredentialsToken, eventTransportOf, kafkaSecurityOf } from './service-wiring';

/**
 * The bus over TLS and SASL (issue 16, threat model boundary 4 "Services ↔ Kafka"): the settings
 * a service reads (KAFKA_SSL*, KAFKA_SASL_*) make the transport its relay and consumers use, in
 * front of the harness's Kafka-protocol broker a TLS + SASL listener (`KafkaSecureFront`: SCRAM
 * users, OAUTHBEARER tokens verified at the harness's real OpenID provider). The relay publishes
 * from a real event store, a consumer applies through its inbox; refused credentials fail the
 * connection with the broker's reason and nothing is published or consumed.
 */
class Ticked {
  @IsInt() n!: number;
}
const registry = () => new EventRegistry().register({ type: 'bus.Ticked', schemaVersion: 1, payload: Ticked });
const actor = { subject: 'bus-test', organisationId: 'org-1', roles: ['SERVICE'] };
const EVENTS = 6;
const SCRAM_USER = 'custos-requests';
const SCRAM_PASSWORD = 'bus-password-for-tests-only';

describe('the Kafka transport over TLS and SASL (issue 16, bus boundary)', () => {
  let front: KafkaSecureFront;
  let issuer: string;
  const closing: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    issuer = testOidcIssuer();
    front = await KafkaSecureFront.start({
      brokers: testInfra().kafkaBrokers,
      scramUsers: { [SCRAM_USER]: SCRAM_PASSWORD },
      // The short-lived audience stands in for a bus token that expires within the test.
      oauthBearer: { issuer, audiences: [TEST_KAFKA_AUDIENCE, 'urn:custos:short-lived'] },
    });
  });
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close().catch(() => undefined);
  });
  afterAll(() => front?.close());

  /** A service's config as a deployment gives it: TLS with the front's CA, SASL as asked. */
  const configOf = (settings: Record<string, string>): CommonConfig =>
    loadConfig(CommonConfig, {
      EVENT_BUS: 'kafka',
      KAFKA_BROKERS: front.brokers.join(','),
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA: front.certificates.ca,
      CUSTOS_AUTH_ISSUER: issuer,
      ...settings,
    });
  const scram = (password = SCRAM_PASSWORD) =>
    configOf({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: SCRAM_USER, KAFKA_SASL_PASSWORD: password });
  const oauthBearer = (audience = TEST_KAFKA_AUDIENCE) => {
    const client = testServiceClient('requests');
    return configOf({
      KAFKA_SASL_MECHANISM: 'oauthbearer',
      KAFKA_SASL_OAUTHBEARER_AUDIENCE: audience,
      CUSTOS_AUTH_CLIENT_ID: client.clientId,
      CUSTOS_AUTH_CLIENT_SECRET: client.clientSecret,
    });
  };
  /** The transport a service makes from its config (`eventTransportOf`), closed after the test. */
  const serviceTransport = (config: CommonConfig, clientId: string): EventTransport => {
    const transport = eventTransportOf(config, clientId);
    closing.push(() => transport.close());
    return transport;
  };
  const transportWith = (security: KafkaSecurity | undefined, clientId: string, kafka: Partial<KafkaConfig> = {}): KafkaTransport => {
    const transport = new KafkaTransport({
      brokers: front.brokers,
      clientId,
      security,
      sessionTimeoutMs: 6000,
      heartbeatIntervalMs: 500,
      kafka: { retry: { retries: 1, initialRetryTime: 100 }, ...kafka },
    });
    closing.push(() => transport.close());
    return transport;
  };

  /** A store with EVENTS events appended, its relay on `transport`; resolves with the relay's errors. */
  async function relayEvents(label: string, transport: EventTransport, prefix: string): Promise<{ errors: unknown[]; store: EventStore }> {
    const url = await createTestDatabase(`bus-${label}`);
    const pool = new Pool({ connectionString: url });
    closing.push(() => pool.end());
    await ensureEventStoreSchema(pool);
    const store = new EventStore(pool, 'bus', registry());
    for (let n = 0; n < EVENTS; n++) {
      await store.append({ aggregateId: `tick-${n % 2}`, expectedVersion: Math.floor(n / 2), events: [{ type: 'bus.Ticked', schemaVersion: 1, payload: { n }, actor, correlationId: `c-${n}` }] });
    }
    const errors: unknown[] = [];
    const relay = new OutboxRelay({ service: 'bus', connection: { connectionString: url }, transport, topicPrefix: prefix, idlePollMs: 100, maxBackoffMs: 500, onError: (e) => errors.push(e) });
    closing.push(() => relay.stop());
    relay.start();
    return { errors, store };
  }

  /** A consumer through its inbox on `transport`; the numbers it applied. */
  async function consume(label: string, transport: EventTransport, prefix: string): Promise<{ start: Promise<void>; applied: number[] }> {
    const pool = new Pool({ connectionString: await createTestDatabase(`bus-consumer-${label}`) });
    closing.push(() => pool.end());
    await ensureEventStoreSchema(pool);
    const applied: number[] = [];
    const consumer = new EventConsumer({
      name: `bus-${label}`,
      topics: [eventTopic('bus', prefix)],
      pool,
      transport,
      registry: registry(),
      handle: async (event) => void applied.push(Number(event.payload.n)),
    });
    closing.push(() => consumer.stop());
    return { start: consumer.start(), applied };
  }

  const allApplied = (applied: number[]) =>
    waitFor(`${EVENTS} events consumed`, () => (applied.length >= EVENTS ? true : undefined), 30_000, 100);

  /** What reached the broker itself under a prefix (asked of the mock, behind the front). */
  async function publishedTo(prefix: string): Promise<number> {
    const admin = new Kafka({ brokers: testInfra().kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const topic = eventTopic('bus', prefix);
      if (!(await admin.listTopics()).includes(topic)) return 0;
      return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
    } finally {
      await admin.disconnect();
    }
  }

  it('publishes from the relay and consumes through the inbox over TLS + SCRAM-SHA-512', async () => {
    const config = scram();
    const prefix = uniqueTopicPrefix('bus-scram');
    const consumer = await consume('scram', serviceTransport(config, 'scram-consumer'), prefix);
    await consumer.start;
    const { errors } = await relayEvents('scram', serviceTransport(config, 'scram-relay'), prefix);
    await allApplied(consumer.applied);
    expect([...consumer.applied].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(errors).toEqual([]);
  });

  /** `fetch` that keeps every access token the provider hands out. */
  const recordingTokens = () => {
    const tokens: string[] = [];
    const fetchFn = (async (...args: Parameters<typeof fetch>) => {
      const response = await fetch(...args);
      const body = (await response.clone().json().catch(() => ({}))) as { access_token?: string };
      if (body.access_token) tokens.push(body.access_token);
      return response;
    }) as typeof fetch;
    return { tokens, fetch: fetchFn };
  };

  it("publishes and consumes over TLS + OAUTHBEARER with the service's own client-credentials token from the real provider", async () => {
    const { tokens, fetch: recording } = recordingTokens();
    const config = oauthBearer();
    const security = kafkaSecurityOf(config, { fetch: recording });
    const prefix = uniqueTopicPrefix('bus-oauth');
    const consumer = await consume('oauth', transportWith(security, 'oauth-consumer'), prefix);
    await consumer.start;
    await relayEvents('oauth', transportWith(security, 'oauth-relay'), prefix);
    await allApplied(consumer.applied);
    expect([...consumer.applied].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    // One token of the service's own client for the bus's audience, shared by every connection.
    expect(tokens).toHaveLength(1);
    expect(decodeJwt(tokens[0])).toMatchObject({ iss: issuer, aud: TEST_KAFKA_AUDIENCE, client_id: 'custos-requests' });
  });

  it("keeps the bus past the first token's expiry: the broker's session ends with the token, the transport re-authenticates with a renewed one", async () => {
    const { tokens, fetch: recording } = recordingTokens();
    // 4 s tokens; kafkajs re-authenticates a connection 1 s before its session (the token) ends.
    const security = kafkaSecurityOf(oauthBearer('urn:custos:short-lived'), { fetch: recording });
    const prefix = uniqueTopicPrefix('bus-renew');
    const consumer = await consume('renew', transportWith(security, 'renew-consumer', { reauthenticationThreshold: 1000 }), prefix);
    await consumer.start;
    const { store, errors } = await relayEvents('renew', transportWith(security, 'renew-relay', { reauthenticationThreshold: 1000 }), prefix);
    await allApplied(consumer.applied);
    const started = Date.now();
    for (let n = EVENTS; Date.now() - started < 9000; n++) {
      await new Promise((r) => setTimeout(r, 1500));
      await store.append({ aggregateId: `later-${n}`, expectedVersion: 0, events: [{ type: 'bus.Ticked', schemaVersion: 1, payload: { n }, actor, correlationId: `c-${n}` }] });
    }
    const total = Number(await store.headSequence());
    await waitFor('the later events consumed', () => (consumer.applied.length >= total ? true : undefined), 30_000, 100);
    expect(new Set(consumer.applied).size).toBe(total);
    expect(errors).toEqual([]);
    // Renewed tokens, each for the bus's session: more than one, none reused after it expired.
    expect(new Set(tokens).size).toBeGreaterThanOrEqual(3);
  });

  it('refuses a wrong SCRAM password: the connection fails with the reason, nothing is published or consumed', async () => {
    const prefix = uniqueTopicPrefix('bus-badpw');
    const wrong = serviceTransport(scram('guessed-password'), 'badpw');
    const consumer = await consume('badpw', wrong, prefix);
    await expect(consumer.start).rejects.toThrow(/SASL SCRAM SHA512 authentication failed: .*invalid credentials/);
    const { errors } = await relayEvents('badpw', wrong, prefix);
    await waitFor('the relay to be refused', () => (errors.length > 0 ? true : undefined), 15_000);
    expect(String(errors[0])).toMatch(/SASL SCRAM SHA512 authentication failed/);
    expect(consumer.applied).toEqual([]);
    expect(await publishedTo(prefix)).toBe(0);
  });

  it('refuses an OAUTHBEARER token for another audience and an expired one: nothing is published or consumed', async () => {
    const prefix = uniqueTopicPrefix('bus-badtoken');
    const otherAudience = serviceTransport(oauthBearer('urn:custos:registry'), 'wrong-audience');
    const consumer = await consume('badtoken', otherAudience, prefix);
    await expect(consumer.start).rejects.toThrow(/SASL OAUTHBEARER authentication failed: .*invalid_token: unexpected "aud" claim value/);

    // A real token of the provider, 4 s long, presented after it expired.
    const client = testServiceClient('requests');
    const stale = await clientCredentialsToken({ issuer, client, audience: 'urn:custos:short-lived' })();
    await new Promise((r) => setTimeout(r, ((decodeJwt(stale).exp as number) + 1) * 1000 - Date.now()));
    const expired = transportWith({ tls: { ca: front.certificates.ca }, sasl: { mechanism: 'oauthbearer', token: async () => stale } }, 'expired');
    const { errors } = await relayEvents('badtoken', expired, prefix);
    await waitFor('the relay to be refused', () => (errors.length > 0 ? true : undefined), 15_000);
    expect(String(errors[0])).toMatch(/SASL OAUTHBEARER authentication failed: .*invalid_token: "exp" claim timestamp check failed/);
    expect(consumer.applied).toEqual([]);
    expect(await publishedTo(prefix)).toBe(0);
  });

  it('refuses a plaintext client on the TLS listener, a TLS client without SASL, and a client that does not trust the CA', async () => {
    const prefix = uniqueTopicPrefix('bus-plain');
    const plain = await consume('plain', transportWith(undefined, 'plain'), prefix);
    await expect(plain.start).rejects.toThrow(/Closed connection|Connection error|ECONNRESET/);
    const noSasl = await consume('nosasl', transportWith({ tls: { ca: front.certificates.ca } }, 'no-sasl'), prefix);
    await expect(noSasl.start).rejects.toThrow(/Closed connection|Connection error|ECONNRESET/);
    const untrusting = await consume('untrusting', serviceTransport(configOf({ KAFKA_SSL_CA: '', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: SCRAM_USER, KAFKA_SASL_PASSWORD: SCRAM_PASSWORD }), 'untrusting'), prefix);
    await expect(untrusting.start).rejects.toThrow(/self[- ]signed certificate|unable to (get|verify)/i);
    expect(await publishedTo(prefix)).toBe(0);
  });
});
