import { canonicalBytes, eventTopic } from '@custos/contracts';
import { EnvelopeSigner, EnvelopeVerifier, generateSigningKey, KafkaTransport, parseSigningKey } from '@custos/eventstore';
import { testInfra, uniqueTopicPrefix, waitFor } from '@custos/testing';
import { Registry } from 'prom-client';
import { envelope, freshLedgerDb } from '../../test/support';
import { LedgerMetrics } from '../ledger.metrics';
import { LedgerLog } from '../log/ledger-log';
import { LedgerIngest } from './ledger-ingest';

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
});
