import { canonicalBytes, eventTopic, REGISTRY_EVENT_KEY_REGISTERED, REGISTRY_EVENT_KEY_REVOKED } from '@custos/contracts';
import {
  EnvelopeSigner,
  EnvelopeVerifier,
  envelopeVerifier,
  generateSigningKey,
  KafkaTransport,
  parseSigningKey,
  parseTrustedKeys,
  trustEnvelopeKeys,
  usePublishedEnvelopeKeys,
} from '@custos/eventstore';
import { testInfra, uniqueTopicPrefix, waitFor } from '@custos/testing';
import { Registry } from 'prom-client';
import { envelope, freshLedgerDb } from '../../test/support';
import { LedgerMetrics } from '../ledger.metrics';
import { LedgerLog } from '../database/ledger-log';
import { LedgerIngest } from './ledger-ingest';
import { LedgerPinnedEventKeys } from './ledger-pinned-event-keys';

describe('the ledger ingest on the real broker: signed envelopes (issue 16)', () => {
  it('refuses a forged and an unsigned entry with their codes, never as leaves, and appends the genuine one after them', async () => {
    const { pool } = await freshLedgerDb('ledger-signed');
    const prefix = uniqueTopicPrefix('ledger-signed');
    const topic = eventTopic('custody', prefix);
    const transport = new KafkaTransport({ brokers: testInfra().kafkaBrokers, clientId: 'ledger-signed', sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 });
    const custody = EnvelopeSigner.fromSetting('custody', generateSigningKey());
    // Someone who reached the broker: the custody key id, a key of their own.
    const forger = new EnvelopeSigner('custody', parseSigningKey(generateSigningKey()), custody.kid);
    const metrics = new LedgerMetrics(new Registry());
    const ingest = new LedgerIngest({
      log: new LedgerLog(pool),
      transport,
      groupId: `ledger-${prefix}`,
      services: ['custody'],
      topicPrefix: prefix,
      maxBatch: 100,
      metrics,
      verifier: EnvelopeVerifier.fromSettings(custody.trustedKeyEntry),
    });
    const forged = envelope('custody', 1, 'item-1', { viewer: 'intruder' });
    const unsigned = envelope('custody', 2, 'item-1');
    const genuine = envelope('custody', 3, 'item-1');
    try {
      await transport.publish([
        { topic, key: 'item-1', eventId: forged.id, value: forger.sign({ ...forged }) },
        { topic, key: 'item-1', eventId: unsigned.id, value: canonicalBytes(unsigned) },
        { topic, key: 'item-1', eventId: genuine.id, value: custody.sign({ ...genuine }) },
      ]);
      await ingest.start();
      await waitFor('the genuine event as a leaf', async () => {
        const { rowCount } = await pool.query('SELECT 1 FROM ledger_leaves WHERE event_id = $1', [genuine.id]);
        return rowCount === 1 ? true : undefined;
      }, 60_000, 100);
      const leaves = await pool.query('SELECT event_id FROM ledger_leaves');
      expect(leaves.rows.map((r) => r.event_id)).toEqual([genuine.id]);
      const { rows } = await pool.query('SELECT event_id, reason FROM ledger_rejected ORDER BY id');
      expect(rows.map((r) => [r.event_id, r.reason.split(':')[0]])).toEqual([
        [forged.id, 'CUSTOS_ES_EVENT_SIGNATURE_INVALID'],
        [unsigned.id, 'CUSTOS_ES_EVENT_UNSIGNED'],
      ]);
      expect((await metrics.rejected.get()).values[0].value).toBe(2);
    } finally {
      await ingest.stop();
      await transport.close();
      await pool.end();
    }
  });

  it('pins the event keys it recorded from the registry: a registered key verifies, an unregistered or revoked one is refused, and a restart reads them back', async () => {
    const { pool } = await freshLedgerDb('ledger-pinned-keys');
    const prefix = uniqueTopicPrefix('ledger-pinned-keys');
    const transport = new KafkaTransport({ brokers: testInfra().kafkaBrokers, clientId: 'ledger-pinned-keys', sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 });
    // The bootstrap pin: the registry's own key only (EVENT_TRUSTED_KEYS); custody's keys come from the registry's events.
    const registry = EnvelopeSigner.fromSetting('registry', generateSigningKey());
    trustEnvelopeKeys(parseTrustedKeys(registry.trustedKeyEntry), 'required');
    const [k1, k2] = [EnvelopeSigner.fromSetting('custody', generateSigningKey()), EnvelopeSigner.fromSetting('custody', generateSigningKey())];
    const keyEvent = (sequence: number, type: string, payload: Record<string, unknown>) => ({ ...envelope('registry', sequence, 'event-keys:custody', payload), type });
    const registered = (sequence: number, signer: EnvelopeSigner) =>
      keyEvent(sequence, REGISTRY_EVENT_KEY_REGISTERED, { service: 'custody', kid: signer.kid, publicKey: parseTrustedKeys(signer.trustedKeyEntry)[0].publicKey, validFrom: '2026-01-01T00:00:00.000Z' });
    const pinned = new LedgerPinnedEventKeys();
    const ingest = new LedgerIngest({
      log: new LedgerLog(pool),
      transport,
      groupId: `ledger-${prefix}`,
      services: ['registry', 'custody'],
      topicPrefix: prefix,
      maxBatch: 100,
      metrics: new LedgerMetrics(new Registry()),
      pinnedKeys: pinned,
    });
    const publish = (service: string, signer: EnvelopeSigner, e: ReturnType<typeof envelope>) =>
      transport.publish([{ topic: eventTopic(service, prefix), key: e.aggregateId, eventId: e.id, value: signer.sign({ ...e }) }]);
    const settled = (eventId: string) =>
      waitFor(`event ${eventId} taken or refused`, async () => {
        const { rows } = await pool.query('SELECT 1 FROM ledger_leaves WHERE event_id::text = $1 UNION ALL SELECT 1 FROM ledger_rejected WHERE event_id::text = $1', [eventId]);
        return rows.length > 0 ? true : undefined;
      }, 60_000, 100);
    const outcome = async (eventId: string) => {
      const leaf = await pool.query('SELECT 1 FROM ledger_leaves WHERE event_id = $1', [eventId]);
      if (leaf.rowCount === 1) return 'LEAF';
      return (await pool.query('SELECT reason FROM ledger_rejected WHERE event_id = $1', [eventId])).rows[0].reason.split(':')[0] as string;
    };
    const [c1, c2, c3, c4] = [1, 2, 3, 4].map((n) => envelope('custody', n, 'item-1'));
    try {
      await ingest.start();
      const first = registered(1, k1);
      await publish('registry', registry, first);
      await settled(first.id);
      await publish('custody', k1, c1);
      await publish('custody', k2, c2);
      await Promise.all([settled(c1.id), settled(c2.id)]);
      expect([await outcome(first.id), await outcome(c1.id), await outcome(c2.id)]).toEqual(['LEAF', 'LEAF', 'CUSTOS_ES_EVENT_KEY_UNKNOWN']);
      // Rotation: k2 registered, then k1 revoked.
      const second = registered(2, k2);
      const revoked = keyEvent(3, REGISTRY_EVENT_KEY_REVOKED, { service: 'custody', kid: k1.kid, revokedAt: '2026-02-01T00:00:00.000Z', reason: 'rotated' });
      await publish('registry', registry, second);
      await publish('registry', registry, revoked);
      await settled(revoked.id);
      await publish('custody', k1, c3);
      await publish('custody', k2, c4);
      await Promise.all([settled(c3.id), settled(c4.id)]);
      expect([await outcome(c3.id), await outcome(c4.id)]).toEqual(['CUSTOS_ES_EVENT_KEY_UNKNOWN', 'LEAF']);
      // A restarted ledger pins from its own log what the registry's events said.
      usePublishedEnvelopeKeys([]);
      expect(envelopeVerifier().check(JSON.parse(k2.sign({ ...c4 }).toString('utf8')))).toMatchObject({ ok: false });
      await new LedgerPinnedEventKeys().load(pool);
      expect(envelopeVerifier().check(JSON.parse(k2.sign({ ...c4 }).toString('utf8')))).toEqual({ ok: true, signed: true });
      expect(envelopeVerifier().check(JSON.parse(k1.sign({ ...c4 }).toString('utf8')))).toMatchObject({ ok: false, code: 'CUSTOS_ES_EVENT_KEY_UNKNOWN' });
    } finally {
      usePublishedEnvelopeKeys([]);
      await ingest.stop();
      await transport.close();
      await pool.end();
    }
  });
});
