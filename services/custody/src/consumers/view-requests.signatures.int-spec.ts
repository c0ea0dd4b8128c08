import { randomUUID } from 'node:crypto';
import { canonicalBytes, EventRegistry, eventTopic, REQUEST_FILED, RequestFiled, REQUESTS_EVENTS } from '@custos/contracts';
import {
  ensureEventStoreSchema,
  EnvelopeSigner,
  EventStore,
  generateSigningKey,
  KafkaTransport,
  OutboxRelay,
  parseSigningKey,
  parseTrustedKeys,
  trustEnvelopeKeys,
} from '@custos/eventstore';
import { createTestDatabase, testInfra, uniqueTopicPrefix, waitFor } from '@custos/testing';
import { Pool } from 'pg';
import { viewRequestsConsumer } from './view-requests.consumer';

function filed(requestId: string): RequestFiled {
  return {
    kind: 'VIEW',
    requestingOrganisation: { id: 'org-psb', type: 'PUBLIC_SECURITY', level: 'COUNTY', divisionCode: '610113' },
    caseReference: `CASE-${requestId}`,
    purpose: 'Identify the suspect',
    imageSystemIds: ['sys-mall'],
    cameraIds: ['cam-1'],
    ownerOrganisationIds: ['org-owner'],
    window: { from: '2026-03-01T10:00:00.000Z', to: '2026-03-01T11:00:00.000Z' },
    filer: { personId: 'person-officer-li', credentialNumber: 'PSB-0001' },
    filedAt: '2026-03-01T12:00:00.000Z',
    coSignDeadline: '2026-03-01T12:30:00.000Z',
  } as RequestFiled;
}

/** A VIEW request as the requests service would publish it, made up by someone who reached the broker. */
function forgedFiling(requestId: string, sequence: number) {
  return {
    id: randomUUID(),
    type: REQUEST_FILED,
    schemaVersion: 1,
    aggregateId: requestId,
    aggregateVersion: 1,
    occurredAt: new Date().toISOString(),
    actor: { subject: 'officer-li', personId: 'person-officer-li', organisationId: 'org-psb' },
    correlationId: 'forged',
    causationId: null,
    payload: filed(requestId),
    sequence,
    service: 'requests',
  };
}

describe("custody's view-requests consumer trusts only the requests service's signature (issue 16)", () => {
  it('sets aside a forged and an unsigned VIEW request injected into the topic, and learns the genuine one after them', async () => {
    const prefix = uniqueTopicPrefix('view-signatures');
    const topic = eventTopic('requests', prefix);
    const transport = new KafkaTransport({ brokers: testInfra().kafkaBrokers, clientId: 'view-signatures', sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 });
    const requestsUrl = await createTestDatabase('view-signatures-requests');
    const requestsPool = new Pool({ connectionString: requestsUrl, max: 2 });
    await ensureEventStoreSchema(requestsPool);
    const custodyPool = new Pool({ connectionString: await createTestDatabase('view-signatures-custody'), max: 4 });
    const requests = EnvelopeSigner.fromSetting('requests', generateSigningKey());
    // As EVENT_TRUSTED_KEYS would pin it: the requests service's key, signatures required.
    trustEnvelopeKeys(parseTrustedKeys(requests.trustedKeyEntry), 'required');
    const forger = new EnvelopeSigner('requests', parseSigningKey(generateSigningKey()), requests.kid);
    const store = new EventStore(requestsPool, 'requests', new EventRegistry().register(...REQUESTS_EVENTS));
    const relay = new OutboxRelay({ service: 'requests', connection: { connectionString: requestsUrl }, transport, topicPrefix: prefix, signer: requests });
    const consumer = viewRequestsConsumer({ name: 'custody.view-requests', pool: custodyPool, transport, topicPrefix: prefix });
    const forged = forgedFiling('req-forged', 900);
    const unsigned = forgedFiling('req-unsigned', 901);
    try {
      await transport.publish([
        { topic, key: forged.aggregateId, eventId: forged.id, value: forger.sign(forged) },
        { topic, key: unsigned.aggregateId, eventId: unsigned.id, value: canonicalBytes(unsigned) },
      ]);
      await store.append({
        aggregateId: 'req-genuine',
        expectedVersion: 0,
        events: [{ type: REQUEST_FILED, schemaVersion: 1, payload: filed('req-genuine') as unknown as Record<string, unknown>, actor: { subject: 'officer-li' }, correlationId: 'c-1' }],
      });
      await relay.drain();
      await consumer.start();
      await waitFor('the genuine VIEW request learnt', async () => {
        const { rowCount } = await custodyPool.query("SELECT 1 FROM custody_view_requests WHERE request_id = 'req-genuine'");
        return rowCount === 1 ? true : undefined;
      }, 60_000, 100);
      await waitFor('both refusals recorded', async () => {
        const { rowCount } = await custodyPool.query('SELECT 1 FROM es_dead_letters');
        return rowCount === 2 ? true : undefined;
      }, 30_000, 100);
      const known = await custodyPool.query('SELECT request_id FROM custody_view_requests ORDER BY request_id');
      expect(known.rows.map((r) => r.request_id)).toEqual(['req-genuine']);
      const { rows } = await custodyPool.query('SELECT event_id, reason FROM es_dead_letters ORDER BY event_id');
      expect(rows.map((r) => [r.event_id, r.reason.split(':')[0]]).sort()).toEqual(
        [
          [forged.id, 'CUSTOS_ES_EVENT_SIGNATURE_INVALID'],
          [unsigned.id, 'CUSTOS_ES_EVENT_UNSIGNED'],
        ].sort(),
      );
    } finally {
      await consumer.stop();
      await transport.close();
      await requestsPool.end();
      await custodyPool.end();
    }
  });
});
