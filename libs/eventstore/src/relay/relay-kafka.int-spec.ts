import { spawn } from 'node:child_process';
import path from 'node:path';
import { eventTopic } from '@custos/contracts';
import { KafkaFaultProxy, testInfra, uniqueTopicPrefix, waitFor } from '@custos/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { changed, freshEventStoreDb, testRegistry } from '../../test/support';
import { createEffectsTable, effectCounts, recordEffect } from '../../test/effects';
import { EventConsumer } from '../consumer/event-consumer';
import { KernelMetrics } from '../metrics';
import { EventStore } from '../store/event-store';
import { KafkaTransport } from '../transport/kafka.transport';
import { OutboxRelay } from './outbox-relay';

const fastGroups = { sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 };

async function consumerDb(label: string): Promise<Pool> {
  const { pool } = await freshEventStoreDb(label);
  await createEffectsTable(pool);
  return pool;
}

function consumer(name: string, pool: Pool, transport: KafkaTransport, topicPrefix: string, metrics?: KernelMetrics) {
  return new EventConsumer({
    name,
    topics: [eventTopic('test', topicPrefix)],
    pool,
    transport,
    registry: testRegistry(),
    handle: recordEffect,
    metrics,
  });
}

async function appendMany(store: EventStore, aggregates: number, perAggregate: number): Promise<void> {
  for (let v = 0; v < perAggregate; v++) {
    await store.append(
      Array.from({ length: aggregates }, (_, a) => ({ aggregateId: `agg-${a}`, expectedVersion: v, events: [changed(v)] })),
    );
  }
}

describe('outbox relay and inbox consumers over the Kafka-protocol broker', () => {
  const brokers = () => testInfra().kafkaBrokers;

  it('delivers every event once per consumer group after the broker is cut for 30 s', async () => {
    const { url, pool } = await freshEventStoreDb('relay-cut');
    const store = new EventStore(pool, 'test', testRegistry());
    const prefix = uniqueTopicPrefix('relay-cut');
    const proxy = await KafkaFaultProxy.start(brokers());
    const relayTransport = new KafkaTransport({
      brokers: proxy.brokers,
      clientId: 'relay',
      kafka: { socketFactory: proxy.socketFactory, retry: { retries: 1, initialRetryTime: 100 } },
    });
    const metrics = new KernelMetrics();
    const relay = new OutboxRelay({ service: 'test', connection: { connectionString: url }, transport: relayTransport, topicPrefix: prefix, idlePollMs: 100, maxBackoffMs: 2000, metrics });
    const consumerTransport = new KafkaTransport({ brokers: brokers(), clientId: 'consumers', ...fastGroups });
    const [dbA, dbB] = [await consumerDb('relay-cut-a'), await consumerDb('relay-cut-b')];
    const consumers = [consumer('group-a', dbA, consumerTransport, prefix), consumer('group-b', dbB, consumerTransport, prefix)];
    try {
      relay.start();
      await Promise.all(consumers.map((c) => c.start()));
      await appendMany(store, 10, 5);
      proxy.cut();
      const cutAt = Date.now();
      // Appends go on while the broker is unreachable: they wait in the log.
      while (Date.now() - cutAt < 30_000) {
        await appendMany(store, 10, 1).catch(() => undefined);
        await store.append({ aggregateId: `during-${Date.now()}`, expectedVersion: 0, events: [changed(1)] });
        await new Promise((r) => setTimeout(r, 1000));
      }
      const backlog = await metrics.registry.getSingleMetricAsString('custos_outbox_backlog');
      expect(Number(/custos_outbox_backlog\{service="test"\} (\d+)/.exec(backlog)?.[1])).toBeGreaterThan(0);
      proxy.restore();
      const total = await store.headSequence();
      for (const db of [dbA, dbB]) {
        await waitFor('every event consumed', async () => ((await effectCounts(db)).distinct === total ? true : undefined), 90_000, 250);
        expect(await effectCounts(db)).toEqual({ total, distinct: total });
      }
      expect(await metrics.registry.getSingleMetricAsString('custos_publish_failures_total')).toMatch(/} [1-9]/);
    } finally {
      await relay.stop();
      await Promise.all(consumers.map((c) => c.stop()));
      await Promise.all([relayTransport.close(), consumerTransport.close(), proxy.close()]);
      await Promise.all([pool.end(), dbA.end(), dbB.end()]);
    }
  });

  it('loses nothing and applies effects once when the relay process is killed with -9 mid-batch', async () => {
    const { url, pool } = await freshEventStoreDb('relay-kill');
    const store = new EventStore(pool, 'test', testRegistry());
    const prefix = uniqueTopicPrefix('relay-kill');
    await appendMany(store, 40, 25);
    const total = await store.headSequence();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'libs/eventstore/test/relay-process.ts'], {
      cwd: path.resolve(__dirname, '../../../..'),
      env: { ...process.env, DATABASE_URL: url, KAFKA_BROKERS: brokers().join(','), TOPIC_PREFIX: prefix, BATCH_SIZE: '20' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const position = async () => Number((await pool.query('SELECT position FROM es_relay_position')).rows[0].position);
    await waitFor('the relay to be mid-way', async () => ((await position()) >= 100 ? true : undefined), 60_000, 5);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const at = await position();
    expect(at).toBeLessThan(total);

    const transport = new KafkaTransport({ brokers: brokers(), clientId: 'restart', ...fastGroups });
    const relay = new OutboxRelay({ service: 'test', connection: { connectionString: url }, transport, topicPrefix: prefix, idlePollMs: 100 });
    const db = await consumerDb('relay-kill-consumer');
    const c = consumer('after-kill', db, transport, prefix);
    try {
      relay.start();
      await c.start();
      await waitFor('every event consumed', async () => ((await effectCounts(db)).distinct === total ? true : undefined), 90_000, 250);
      expect(await effectCounts(db)).toEqual({ total, distinct: total });
    } finally {
      await relay.stop();
      await c.stop();
      await transport.close();
      await Promise.all([pool.end(), db.end()]);
    }
  });

  it('keeps per-aggregate order across 4 partitions, and a replay from offset 0 changes nothing', async () => {
    const { url, pool } = await freshEventStoreDb('relay-order');
    const store = new EventStore(pool, 'test', testRegistry());
    const prefix = uniqueTopicPrefix('relay-order');
    const transport = new KafkaTransport({ brokers: brokers(), clientId: 'order', ...fastGroups });
    const relay = new OutboxRelay({ service: 'test', connection: { connectionString: url }, transport, topicPrefix: prefix, batchSize: 37 });
    await appendMany(store, 60, 20);
    const total = await store.headSequence();
    await relay.drain();
    const db = await consumerDb('relay-order-consumer');
    const c = consumer('ordered', db, transport, prefix);
    try {
      await c.start();
      await waitFor('every event consumed', async () => ((await effectCounts(db)).distinct === total ? true : undefined), 90_000, 250);
      const { rows } = await db.query('SELECT aggregate_id, version FROM effects ORDER BY n');
      const lastVersion = new Map<string, number>();
      for (const r of rows) {
        expect(r.version).toBe((lastVersion.get(r.aggregate_id) ?? 0) + 1);
        lastVersion.set(r.aggregate_id, r.version);
      }
      const kafka = new Kafka({ brokers: brokers(), logLevel: logLevel.NOTHING });
      const admin = kafka.admin();
      await admin.connect();
      const offsets = await admin.fetchTopicOffsets(eventTopic('test', prefix));
      await admin.disconnect();
      expect(offsets.length).toBe(4);
      expect(offsets.filter((o) => Number(o.high) > 0).length).toBe(4);

      // Replay: the same consumer's inbox, a new group reading the topic from offset 0.
      const before = await db.query('SELECT * FROM effects ORDER BY n');
      const replay = new EventConsumer({ name: 'ordered', topics: [eventTopic('test', prefix)], pool: db, transport, registry: testRegistry(), handle: recordEffect });
      const seen: string[] = [];
      const replayTransport = new KafkaTransport({ brokers: brokers(), clientId: 'replay', ...fastGroups });
      const sub = await replayTransport.subscribe({ groupId: `replay-${prefix}`, topics: [eventTopic('test', prefix)], fromBeginning: true }, async (batch) => {
        await replay.receive(batch);
        seen.push(...batch.map((m) => m.offset));
      });
      await waitFor('the replay', () => (seen.length >= total ? true : undefined), 60_000, 250);
      await sub.stop();
      await replayTransport.close();
      expect((await db.query('SELECT * FROM effects ORDER BY n')).rows).toEqual(before.rows);
    } finally {
      await c.stop();
      await transport.close();
      await Promise.all([pool.end(), db.end()]);
    }
  });

  it('parks malformed and unknown events in the dead-letter table with their reason, without blocking', async () => {
    const prefix = uniqueTopicPrefix('dead-letters');
    const topic = eventTopic('test', prefix);
    const { url, pool } = await freshEventStoreDb('dead-letters-source');
    const store = new EventStore(pool, 'test', testRegistry());
    const transport = new KafkaTransport({ brokers: brokers(), clientId: 'dlq', ...fastGroups });
    const [good] = await store.append({ aggregateId: 'same-key', expectedVersion: 0, events: [changed(1)] });
    const bad = (body: unknown) => ({ topic, key: 'same-key', eventId: 'x', value: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)) });
    await transport.publish([
      bad('{not json'),
      bad({ ...good, id: '5b1f0c38-0d8a-4c11-9a3c-6b1c1a1d2e3f', type: 'test.NeverHeardOf' }),
      bad({ ...good, id: '6b1f0c38-0d8a-4c11-9a3c-6b1c1a1d2e3f', payload: { by: 'many' } }),
      bad({ ...good, id: 'not-a-uuid' }),
    ]);
    await new OutboxRelay({ service: 'test', connection: { connectionString: url }, transport, topicPrefix: prefix }).drain();
    const db = await consumerDb('dead-letters');
    const c = consumer('dlq-consumer', db, transport, prefix);
    try {
      await c.start();
      await waitFor('the good event', async () => ((await effectCounts(db)).total === 1 ? true : undefined), 60_000, 250);
      const { rows } = await db.query('SELECT reason FROM es_dead_letters ORDER BY id');
      expect(rows.map((r) => r.reason)).toEqual([
        'not JSON',
        'unknown event type test.NeverHeardOf',
        expect.stringMatching(/^invalid test.CounterChanged payload: by: /),
        expect.stringMatching(/^malformed envelope: id must be a UUID/),
      ]);
    } finally {
      await c.stop();
      await transport.close();
      await Promise.all([pool.end(), db.end()]);
    }
  });

  it('publishes every append as it commits, also one that commits while the relay reads, and stops at once, though it polls only once a minute', async () => {
    const { url, pool } = await freshEventStoreDb('relay-wake');
    const store = new EventStore(pool, 'test', testRegistry());
    const inner = new KafkaTransport({ brokers: brokers(), clientId: 'wake' });
    const rounds = 40;
    let next = 0;
    let published = 0;
    // Each acknowledged publish appends the next event at once, so its commit and notification
    // land while the relay updates its position and reads again: the window a wake-up was lost in.
    const append = () => store.append({ aggregateId: `wake-${next}`, expectedVersion: 0, events: [changed(next++)] });
    const transport = {
      publish: async (messages: Parameters<KafkaTransport['publish']>[0]) => {
        await inner.publish(messages);
        published += messages.length;
        if (next < rounds) void append();
      },
      subscribe: inner.subscribe.bind(inner),
      close: () => inner.close(),
    };
    const relay = new OutboxRelay({ service: 'test', connection: { connectionString: url }, transport, topicPrefix: uniqueTopicPrefix('relay-wake'), idlePollMs: 60_000 });
    relay.start();
    try {
      await new Promise((r) => setTimeout(r, 500)); // the relay has found nothing and sleeps
      await append();
      // A lost wake-up leaves the rest for the minute-long poll, past this wait.
      await waitFor(`${rounds} chained appends published`, () => (published >= rounds ? true : undefined), 30_000, 20);
      expect(published).toBe(rounds);
      // Stopped while it reads, it does not sleep out its poll first.
      const stopping = performance.now();
      await relay.stop();
      expect(performance.now() - stopping).toBeLessThan(5_000);
    } finally {
      await relay.stop();
      await inner.close();
      await pool.end();
    }
  });
});
