import { randomUUID } from 'node:crypto';
import { canonicalBytes, canonicalJson, eventTopic } from '@custos/contracts';
import { testInfra, uniqueTopicPrefix, waitFor } from '@custos/testing';
import { Registry } from 'prom-client';
import { createEffectsTable, recordEffect } from '../../test/effects';
import { changed, freshEventStoreDb, testActor, testRegistry } from '../../test/support';
import { EventConsumer } from '../consumer/event-consumer';
import { KernelMetrics } from '../metrics';
import { OutboxRelay } from '../relay/outbox-relay';
import { EventStore } from '../store/event-store';
import { KafkaTransport } from '../transport/kafka.transport';
import { EnvelopeSigner, EnvelopeVerifier, generateSigningKey, parseSigningKey } from './envelope-signing';

const fastGroups = { sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 };

/** An envelope as the test service would publish it, but made up by someone who reached the broker. */
function madeUp(sequence: number) {
  return {
    id: randomUUID(),
    type: 'test.CounterChanged',
    schemaVersion: 2,
    aggregateId: 'agg-0',
    aggregateVersion: 100 + sequence,
    occurredAt: new Date().toISOString(),
    actor: testActor,
    correlationId: 'forged',
    causationId: null,
    payload: { by: 999 },
    sequence: 1000 + sequence,
    service: 'test',
  };
}

describe('signed event envelopes on the real broker (issue 16: the bus trusts no one)', () => {
  it('sets aside a forged, an unsigned and a wrongly keyed event with their codes and goes on with the genuine ones', async () => {
    const label = 'signed-events';
    const { url, pool } = await freshEventStoreDb(label);
    await createEffectsTable(pool);
    const store = new EventStore(pool, 'test', testRegistry());
    const prefix = uniqueTopicPrefix(label);
    const topic = eventTopic('test', prefix);
    const signer = EnvelopeSigner.fromSetting('test', generateSigningKey());
    // Someone who reached the broker, claiming the service's key id with a key of their own.
    const attacker = new EnvelopeSigner('test', parseSigningKey(generateSigningKey()), signer.kid);
    const stranger = EnvelopeSigner.fromSetting('test', generateSigningKey());
    const transport = new KafkaTransport({ brokers: testInfra().kafkaBrokers, clientId: label, ...fastGroups });
    const relay = new OutboxRelay({ service: 'test', connection: { connectionString: url }, transport, topicPrefix: prefix, signer });
    const metrics = new KernelMetrics(new Registry());
    const consumer = new EventConsumer({
      name: label,
      topics: [topic],
      pool,
      transport,
      registry: testRegistry(),
      handle: recordEffect,
      metrics,
      verifier: EnvelopeVerifier.fromSettings(signer.trustedKeyEntry),
    });
    const forged = madeUp(1);
    const unsigned = madeUp(2);
    const unpinned = madeUp(3);
    try {
      await store.append([{ aggregateId: 'agg-0', expectedVersion: 0, events: [changed(1)] }]);
      await relay.drain();
      // Straight into the topic, on the partition of agg-0, between two genuine events.
      await transport.publish([
        { topic, key: 'agg-0', eventId: forged.id, value: attacker.sign(forged) },
        { topic, key: 'agg-0', eventId: unsigned.id, value: canonicalBytes(unsigned) },
        { topic, key: 'agg-0', eventId: unpinned.id, value: stranger.sign(unpinned) },
      ]);
      await store.append([{ aggregateId: 'agg-0', expectedVersion: 1, events: [changed(2)] }]);
      await relay.drain();

      await consumer.start();
      await waitFor('the genuine event after the forgeries applied', async () => {
        const { rows } = await pool.query('SELECT max(version)::int AS v FROM effects');
        return rows[0].v === 2 ? true : undefined;
      }, 90_000, 100);

      const effects = await pool.query('SELECT event_id FROM effects ORDER BY version');
      expect(effects.rows).toHaveLength(2);
      expect(effects.rows.map((r) => r.event_id)).not.toEqual(expect.arrayContaining([forged.id]));
      const { rows: dead } = await pool.query('SELECT event_id, reason FROM es_dead_letters WHERE consumer = $1 ORDER BY id', [label]);
      expect(dead.map((d) => [d.event_id, d.reason.split(':')[0]])).toEqual([
        [forged.id, 'CUSTOS_ES_EVENT_SIGNATURE_INVALID'],
        [unsigned.id, 'CUSTOS_ES_EVENT_UNSIGNED'],
        [unpinned.id, 'CUSTOS_ES_EVENT_KEY_UNKNOWN'],
      ]);
      const refused = (await metrics.refusedEvents.get()).values.map((v) => [v.labels.code, v.value]);
      expect(refused).toEqual(
        expect.arrayContaining([
          ['CUSTOS_ES_EVENT_SIGNATURE_INVALID', 1],
          ['CUSTOS_ES_EVENT_UNSIGNED', 1],
          ['CUSTOS_ES_EVENT_KEY_UNKNOWN', 1],
        ]),
      );
    } finally {
      await consumer.stop();
      await transport.close();
      await pool.end();
    }
  });

  it('takes a signed payload as its producing store validated it, and quarantines one its handler cannot apply without stopping', async () => {
    const label = 'signed-unvalidated';
    const { url, pool } = await freshEventStoreDb(label);
    await createEffectsTable(pool);
    // A producer whose store checks nothing: only a store without a registry can sign a malformed payload.
    const careless = new EventStore(pool, 'test');
    const prefix = uniqueTopicPrefix(label);
    const signer = EnvelopeSigner.fromSetting('test', generateSigningKey());
    const transport = new KafkaTransport({ brokers: testInfra().kafkaBrokers, clientId: label, ...fastGroups });
    const relay = new OutboxRelay({ service: 'test', connection: { connectionString: url }, transport, topicPrefix: prefix, signer });
    const consumer = new EventConsumer({
      name: label,
      topics: [eventTopic('test', prefix)],
      pool,
      transport,
      registry: testRegistry(),
      maxAttempts: 2,
      handle: async (event, tx) => {
        if (typeof event.payload.by !== 'number') throw new Error(`by is ${typeof event.payload.by}`);
        await recordEffect(event, tx);
      },
      verifier: EnvelopeVerifier.fromSettings(signer.trustedKeyEntry),
    });
    try {
      await careless.append([
        { aggregateId: 'agg-bad', expectedVersion: 0, events: [{ ...changed(1), payload: { by: 'far' } }] },
        { aggregateId: 'agg-good', expectedVersion: 0, events: [changed(2)] },
      ]);
      await relay.drain();
      await consumer.start();
      await waitFor('the good event applied and the bad one set aside', async () => {
        const { rows } = await pool.query(
          `SELECT (SELECT count(*)::int FROM effects WHERE aggregate_id = 'agg-good') AS good,
                  (SELECT count(*)::int FROM es_quarantine WHERE reader = $1 AND aggregate_id = 'agg-bad' AND state = 'FAILED') AS parked`,
          [label],
        );
        return rows[0].good === 1 && rows[0].parked === 1 ? true : undefined;
      }, 90_000, 100);
      const { rows: dead } = await pool.query('SELECT count(*)::int AS n FROM es_dead_letters WHERE consumer = $1', [label]);
      expect(dead[0].n).toBe(0);
    } finally {
      await consumer.stop();
      await transport.close();
      await pool.end();
    }
  });

  it('accepts an unsigned event while signatures are optional, yet still refuses one with a wrong signature', () => {
    const signer = EnvelopeSigner.fromSetting('test', generateSigningKey());
    const optional = EnvelopeVerifier.fromSettings(signer.trustedKeyEntry, 'optional');
    const event = madeUp(4);
    expect(optional.check(event)).toEqual({ ok: true, signed: false });
    const signed = JSON.parse(signer.sign(event).toString('utf8'));
    // Signed from one canonicalisation, the signature spliced in: still the canonical bytes.
    expect(signer.sign(event).toString('utf8')).toBe(canonicalJson(signed));
    expect(optional.check(signed)).toEqual({ ok: true, signed: true });
    expect(optional.check({ ...signed, payload: { by: 1 } })).toMatchObject({ ok: false, code: 'CUSTOS_ES_EVENT_SIGNATURE_INVALID' });
    // A key pinned for another service does not sign this one's events.
    const other = EnvelopeVerifier.fromSettings(signer.trustedKeyEntry.replace(/^test:/, 'storage:'));
    expect(other.check(signed)).toMatchObject({ ok: false, code: 'CUSTOS_ES_EVENT_KEY_UNKNOWN' });
    expect(EnvelopeVerifier.fromSettings('').mode).toBe('optional');
    expect(EnvelopeVerifier.fromSettings(signer.trustedKeyEntry).mode).toBe('required');
  });
});
