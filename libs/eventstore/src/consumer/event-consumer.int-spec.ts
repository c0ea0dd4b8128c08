import { EventEnvelope, eventTopic } from '@custos/contracts';
import { testInfra, uniqueTopicPrefix, waitFor } from '@custos/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Pool, PoolClient } from 'pg';
import { createEffectsTable, effectCounts, recordEffect } from '../../test/effects';
import { changed, freshEventStoreDb, testRegistry } from '../../test/support';
import { listQuarantined } from '../quarantine/quarantine';
import { OutboxRelay } from '../relay/outbox-relay';
import { EventStore } from '../store/event-store';
import { KafkaTransport } from '../transport/kafka.transport';
import { EventConsumer, EventHandler } from './event-consumer';

const fastGroups = { sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 };

/** A log of `aggregates` × `perAggregate` events, published to the broker once. */
async function publishedLog(label: string, aggregates: number, perAggregate: number) {
  const { url, pool } = await freshEventStoreDb(label);
  const store = new EventStore(pool, 'test', testRegistry());
  const prefix = uniqueTopicPrefix(label);
  for (let v = 0; v < perAggregate; v++) {
    await store.append(Array.from({ length: aggregates }, (_, a) => ({ aggregateId: `agg-${a}`, expectedVersion: v, events: [changed(v)] })));
  }
  const transport = new KafkaTransport({ brokers: testInfra().kafkaBrokers, clientId: `${label}-relay` });
  await new OutboxRelay({ service: 'test', connection: { connectionString: url }, transport, topicPrefix: prefix }).drain();
  await transport.close();
  await pool.end();
  return { topic: eventTopic('test', prefix), total: aggregates * perAggregate };
}

/** The group's offsets as the broker holds them, summed over partitions (-1 each when none). */
async function committedOffsets(groupId: string, topic: string): Promise<number[]> {
  const admin = new Kafka({ brokers: testInfra().kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return entry.partitions.sort((a, b) => a.partition - b.partition).map((p) => Number(p.offset));
  } finally {
    await admin.disconnect();
  }
}

function consumerOf(name: string, pool: Pool, transport: KafkaTransport, topic: string, handle: EventHandler, maxAttempts = 5, appendsAtCommit = false) {
  return new EventConsumer({ name, topics: [topic], pool, transport, registry: testRegistry(), handle, maxAttempts, appendsAtCommit });
}

describe('inbox consumers: deferred offsets and one commit for the consumers of a pool', () => {
  it('commits no offset to the broker before the inbox holds the events, and a later member applies each event once', async () => {
    const { topic, total } = await publishedLog('deferred', 20, 5);
    const { pool } = await freshEventStoreDb('deferred-consumer');
    await createEffectsTable(pool);
    const transport = new KafkaTransport({ brokers: testInfra().kafkaBrokers, clientId: 'deferred', ...fastGroups });
    let delivered = 0;
    const failing = consumerOf('deferred', pool, transport, topic, async () => {
      delivered++;
      throw new Error('the effect cannot be written yet');
    }, 1_000);
    try {
      await failing.start();
      await waitFor('deliveries to the failing handler', () => (delivered >= 3 ? true : undefined), 60_000, 50);
      await failing.stop();
      expect((await committedOffsets('deferred', topic)).every((o) => o < 0)).toBe(true);
      expect(await effectCounts(pool)).toEqual({ total: 0, distinct: 0 });

      const working = consumerOf('deferred', pool, transport, topic, recordEffect);
      await working.start();
      try {
        await waitFor('every event applied', async () => ((await effectCounts(pool)).distinct === total ? true : undefined), 90_000, 100);
        await waitFor('the offsets committed', async () => {
          const offsets = await committedOffsets('deferred', topic);
          return offsets.reduce((a, b) => a + Math.max(b, 0), 0) === total ? true : undefined;
        }, 30_000, 200);
      } finally {
        await working.stop();
      }
      expect(await effectCounts(pool)).toEqual({ total, distinct: total });
    } finally {
      await transport.close();
      await pool.end();
    }
  });

  it('shares one inbox transaction between consumers of a pool, yet one consumer\'s poison event is quarantined alone and the others apply everything once', async () => {
    const { topic, total } = await publishedLog('shared-inbox', 10, 4);
    const { pool } = await freshEventStoreDb('shared-inbox-consumers');
    await createEffectsTable(pool);
    await pool.query('CREATE TABLE effects_b (event_id uuid, aggregate_id text, version int)');
    const transport = new KafkaTransport({ brokers: testInfra().kafkaBrokers, clientId: 'shared', ...fastGroups });
    // Consumer a cannot handle version 2 of agg-3; b handles everything into its own table.
    const poisoned = async (event: EventEnvelope, tx: PoolClient) => {
      if (event.aggregateId === 'agg-3' && event.aggregateVersion === 2) throw new Error('cannot handle agg-3 v2');
      await recordEffect(event, tx);
    };
    const intoB = async (event: EventEnvelope, tx: PoolClient) => {
      await tx.query('INSERT INTO effects_b VALUES ($1, $2, $3)', [event.id, event.aggregateId, event.aggregateVersion]);
    };
    const consumers = [consumerOf('shared-a', pool, transport, topic, poisoned, 2), consumerOf('shared-b', pool, transport, topic, intoB)];
    try {
      await Promise.all(consumers.map((c) => c.start()));
      await waitFor('b applied everything', async () => {
        const { rows } = await pool.query('SELECT count(DISTINCT event_id)::int AS n FROM effects_b');
        return rows[0].n === total ? true : undefined;
      }, 90_000, 100);
      await waitFor('a applied all but agg-3 from v2', async () => ((await effectCounts(pool)).distinct === total - 3 ? true : undefined), 90_000, 100);
      const b = await pool.query('SELECT count(*)::int AS total FROM effects_b');
      expect(b.rows[0].total).toBe(total);
      expect(await effectCounts(pool)).toEqual({ total: total - 3, distinct: total - 3 });
      const { rows } = await pool.query("SELECT max(version)::int AS v FROM effects WHERE aggregate_id = 'agg-3'");
      expect(rows[0].v).toBe(1);
      const quarantined = await listQuarantined(pool, 'shared-a');
      expect(quarantined.map((q) => [q.aggregateId, q.state])).toEqual([
        ['agg-3', 'FAILED'],
        ['agg-3', 'WAITING'],
        ['agg-3', 'WAITING'],
      ]);
      expect(await listQuarantined(pool, 'shared-b')).toEqual([]);
    } finally {
      await Promise.all(consumers.map((c) => c.stop()));
      await transport.close();
      await pool.end();
    }
  });

  it('with appends left for the commit, reacts to each event once in its own log, in order, and a reaction refused at the commit keeps none of its batch', async () => {
    const { topic, total } = await publishedLog('at-commit', 6, 4);
    const { pool } = await freshEventStoreDb('at-commit-consumer');
    await createEffectsTable(pool);
    const store = new EventStore(pool, 'reactions', testRegistry());
    const transport = new KafkaTransport({ brokers: testInfra().kafkaBrokers, clientId: 'at-commit', ...fastGroups });
    // Each event appends to a reaction stream read through the store, which sees the batch's
    // earlier appends; agg-2 v2's reaction claims a version its stream has not reached.
    const react = async (event: EventEnvelope, tx: PoolClient) => {
      const stream = `reaction-${event.aggregateId}`;
      const history = await store.readStream(stream, tx);
      const skips = event.aggregateId === 'agg-2' && event.aggregateVersion === 2;
      await recordEffect(event, tx);
      await store.append({ aggregateId: stream, expectedVersion: history.length + (skips ? 5 : 0), events: [{ ...changed(event.aggregateVersion), causationId: event.id }] }, tx);
    };
    const consumer = consumerOf('at-commit', pool, transport, topic, react, 2, true);
    try {
      await consumer.start();
      await waitFor('all but agg-2 from v2 applied', async () => ((await effectCounts(pool)).distinct === total - 3 ? true : undefined), 90_000, 100);
      expect(await effectCounts(pool)).toEqual({ total: total - 3, distinct: total - 3 });
      for (let a = 0; a < 6; a++) {
        const reactions = await store.readStream(`reaction-agg-${a}`);
        expect(reactions.map((e) => [e.aggregateVersion, e.payload])).toEqual(
          Array.from({ length: a === 2 ? 1 : 4 }, (_, v) => [v + 1, { by: v + 1 }]),
        );
      }
      const log = await store.readFrom(0, 1000);
      expect(log.map((e) => e.sequence)).toEqual(Array.from({ length: total - 3 }, (_, i) => i + 1));
      expect((await listQuarantined(pool, 'at-commit')).map((q) => [q.aggregateId, q.state])).toEqual([
        ['agg-2', 'FAILED'],
        ['agg-2', 'WAITING'],
        ['agg-2', 'WAITING'],
      ]);
    } finally {
      await consumer.stop();
      await transport.close();
      await pool.end();
    }
  });
});
