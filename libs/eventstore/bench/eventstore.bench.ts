// npm run bench:eventstore — the kernel against raw Postgres and a bare kafkajs producer,
// measured side by side in one run on the same servers (issue 3). Not a test.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { canonicalBytes, eventTopic } from '@custos/contracts';
import {
  ServerHandle,
  createTestDatabase,
  infraFromEnv,
  infraToEnv,
  startEmbeddedPostgres,
  startKafkaMock,
  startRecorded,
  stopTestServers,
  uniqueTopicPrefix,
  waitFor,
} from '@custos/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { EventConsumer, EventStore, EventTransport, KafkaTransport, OutboxRelay, ensureEventStoreSchema, inTransaction } from '../src';
import { changed, testRegistry } from '../test/support';

const RAW_TABLE = `CREATE TABLE raw_events (sequence bigint PRIMARY KEY, id uuid NOT NULL UNIQUE, aggregate_id text NOT NULL,
  aggregate_version int NOT NULL, type text NOT NULL, envelope jsonb NOT NULL, UNIQUE (aggregate_id, aggregate_version))`;

async function servers(): Promise<ServerHandle[]> {
  if (infraFromEnv()) return [];
  const handles: ServerHandle[] = [];
  const [pg, kafka] = await Promise.all([startRecorded(handles, startEmbeddedPostgres), startRecorded(handles, startKafkaMock)]);
  Object.assign(process.env, { DATABASE_URL: pg.url, KAFKA_BROKERS: kafka.brokers.join(','), S3_ENDPOINT: 'http://127.0.0.1:1', S3_ACCESS_KEY: '-', S3_SECRET_KEY: '-' });
  return handles;
}

async function timed(work: () => Promise<void>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function envelopeOf(i: number, aggregate: string, version: number) {
  return { ...changed(i), id: randomUUID(), aggregateId: aggregate, aggregateVersion: version, occurredAt: new Date().toISOString(), sequence: i, service: 'bench', causationId: null };
}

async function appendThroughput(pool: Pool, batch: number, transactions: number): Promise<{ ours: number; raw: number }> {
  await pool.query('DROP TABLE IF EXISTS raw_events');
  await pool.query(RAW_TABLE);
  const store = new EventStore(pool, 'bench', testRegistry());
  const concurrency = 4;
  let seq = 0;
  const rawSeconds = await timed(async () => {
    await Promise.all(Array.from({ length: concurrency }, async (_, w) => {
      for (let t = w; t < transactions; t += concurrency) {
        const rows = Array.from({ length: batch }, (_, k) => envelopeOf(++seq, `raw-${t}`, k + 1));
        await pool.query(
          `INSERT INTO raw_events SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::jsonb[])`,
          [rows.map((r) => r.sequence), rows.map((r) => r.id), rows.map((r) => r.aggregateId), rows.map((r) => r.aggregateVersion), rows.map((r) => r.type), rows.map((r) => JSON.stringify(r))],
        );
      }
    }));
  });
  const oursSeconds = await timed(async () => {
    await Promise.all(Array.from({ length: concurrency }, async (_, w) => {
      for (let t = w; t < transactions; t += concurrency) {
        await store.append({ aggregateId: `ours-${batch}-${t}`, expectedVersion: 0, events: Array.from({ length: batch }, (_, k) => changed(k)) });
      }
    }));
  });
  const events = batch * transactions;
  return { ours: events / oursSeconds, raw: events / rawSeconds };
}

function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/**
 * Commands as a service runs them (load the stream, append, project three rows, commit), by
 * `callers` at once on streams of their own, with the append where it was (first: the sequence
 * lock held through the projection and the COMMIT round trip) and left for the commit
 * (`atCommit`). The two alternate in rounds, so a loaded machine weighs on both alike.
 */
async function commandLatency(pool: Pool, callers: number, perRound: number, rounds: number): Promise<Record<'first' | 'atCommit', { p50: number; p99: number; perSecond: number }>> {
  await pool.query('CREATE TABLE IF NOT EXISTS bench_read_model (id text, step int, at timestamptz DEFAULT now())');
  const store = new EventStore(pool, 'bench', testRegistry());
  const samples = { first: [] as number[], atCommit: [] as number[] };
  const seconds = { first: 0, atCommit: 0 };
  const command = async (id: string, atCommit: boolean) => {
    const t0 = performance.now();
    await inTransaction(
      pool,
      async (tx) => {
        const history = await store.readStream(id, tx);
        await store.append({ aggregateId: id, expectedVersion: history.length, events: [changed(1)] }, tx);
        for (let step = 0; step < 3; step++) await tx.query('INSERT INTO bench_read_model (id, step) VALUES ($1, $2)', [id, step]);
      },
      { atCommit },
    );
    return performance.now() - t0;
  };
  for (let round = 0; round < rounds * 2; round++) {
    const mode = round % 2 === 0 ? 'first' : 'atCommit';
    let next = 0;
    seconds[mode] += await timed(async () => {
      await Promise.all(
        Array.from({ length: callers }, async () => {
          while (next++ < perRound) samples[mode].push(await command(`cmd-${round}-${next}`, mode === 'atCommit'));
        }),
      );
    });
  }
  const of = (mode: 'first' | 'atCommit') => ({ p50: quantile(samples[mode], 0.5), p99: quantile(samples[mode], 0.99), perSecond: samples[mode].length / seconds[mode] });
  return { first: of('first'), atCommit: of('atCommit') };
}

/** A database of its own for each measurement, so no backlog of another one is counted. */
async function freshStoreDb(label: string): Promise<{ url: string; pool: Pool }> {
  const url = await createTestDatabase(label);
  const pool = new Pool({ connectionString: url, max: 8 });
  pool.on('error', () => undefined);
  await ensureEventStoreSchema(pool);
  return { url, pool };
}

async function publishThroughput(brokers: string[]): Promise<{ ours: number; raw: number }> {
  const { url, pool } = await freshStoreDb('bench-publish');
  const prefix = uniqueTopicPrefix('bench-relay');
  const store = new EventStore(pool, 'bench');
  const total = 20_000;
  for (let i = 0; i < total; i += 500) {
    await store.append(Array.from({ length: 50 }, (_, a) => ({ aggregateId: `p-${i}-${a}`, expectedVersion: 0, events: Array.from({ length: 10 }, (_, k) => changed(k)) })));
  }
  const events = await store.readFrom(0, total);
  const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ maxInFlightRequests: 1 });
  await producer.connect();
  const rawTopic = `${prefix}raw`;
  await producer.send({ topic: rawTopic, acks: -1, messages: [{ value: 'warm' }] });
  const raw = await timed(async () => {
    for (let i = 0; i < events.length; i += 500) {
      await producer.send({ topic: rawTopic, acks: -1, messages: events.slice(i, i + 500).map((e) => ({ key: e.aggregateId, value: canonicalBytes(e), headers: { 'event-id': e.id } })) });
    }
  });
  await producer.disconnect();
  const transport = new KafkaTransport({ brokers, clientId: 'bench-relay' });
  await transport.publish([{ topic: eventTopic('bench', prefix), key: 'warm', eventId: randomUUID(), value: Buffer.from('warm') }]);
  const relay = new OutboxRelay({ service: 'bench', connection: { connectionString: url }, transport, topicPrefix: prefix, batchSize: 500 });
  let published = 0;
  const ours = await timed(async () => void (published = await relay.drain()));
  if (published !== total) throw new Error(`relay published ${published} of ${total}`);
  await transport.close();
  await pool.end();
  return { ours: total / ours, raw: total / raw };
}

type Quantiles = { p50: number; p99: number; achieved: number; stages: string };

/** The hop's stages, each stamped per event (aggregate id) as it passes. */
const STAGES = ['appended', 'relayed', 'acked', 'delivered', 'committed'] as const;
type Stage = (typeof STAGES)[number];

/**
 * Per-event timestamps at each stage of the hop, so a latency can be split into where it went:
 * the append's commit, the relay's wake-up and read, the broker's acknowledgement, the fetch,
 * the inbox transaction.
 */
class StageClock {
  private readonly at = new Map<string, Partial<Record<Stage, number>>>();
  stamp(stage: Stage, aggregateId: string | null, now = performance.now()): void {
    if (aggregateId === null) return;
    const times = this.at.get(aggregateId);
    if (times && times[stage] === undefined) times[stage] = now;
  }
  begin(aggregateId: string): void {
    this.at.set(aggregateId, {});
  }
  /** The relay's side of the transport: stamps when a message is handed over and acknowledged. */
  publishing(inner: EventTransport): EventTransport {
    return {
      publish: async (messages) => {
        const t = performance.now();
        messages.forEach((m) => this.stamp('relayed', m.key, t));
        await inner.publish(messages);
        const done = performance.now();
        messages.forEach((m) => this.stamp('acked', m.key, done));
      },
      subscribe: (options, handle) => inner.subscribe(options, handle),
      close: () => inner.close(),
    };
  }
  /** The consumer's side: stamps when the bus delivers a message. */
  delivering(inner: EventTransport): EventTransport {
    return {
      publish: (messages) => inner.publish(messages),
      subscribe: (options, handle) =>
        inner.subscribe(options, (batch) => {
          const t = performance.now();
          batch.forEach((m) => this.stamp('delivered', m.key, t));
          return handle(batch);
        }),
      close: () => inner.close(),
    };
  }
  /** p50/p99 of each stage's share (from the previous stage), for events that passed them all. */
  summary(t0: Map<string, number>, last: Stage): string {
    const stages = STAGES.slice(0, STAGES.indexOf(last) + 1);
    const shares = stages.map(() => [] as number[]);
    for (const [id, times] of this.at) {
      let previous = t0.get(id);
      if (previous === undefined || stages.some((s) => times[s] === undefined)) continue;
      stages.forEach((s, i) => {
        shares[i].push(times[s]! - previous!);
        previous = times[s]!;
      });
    }
    return stages
      .map((s, i) => {
        const sorted = shares[i].sort((a, b) => a - b);
        const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
        return `${s} +${q(0.5).toFixed(1)}/${q(0.99).toFixed(1)}`;
      })
      .join(', ');
  }
}

/**
 * Append → handled at `ratePerSecond` for `seconds`. `inbox`: an EventConsumer, timed when its
 * inbox transaction has committed (durable); `bare`: the same relay and broker with a bare
 * subscriber that only notes arrival, the transport's own floor.
 */
async function endToEndLatency(brokers: string[], ratePerSecond: number, seconds: number, path: 'inbox' | 'bare'): Promise<Quantiles> {
  const { url, pool } = await freshStoreDb('bench-latency');
  const prefix = uniqueTopicPrefix('bench-latency');
  const topic = eventTopic('bench', prefix);
  const store = new EventStore(pool, 'bench', testRegistry());
  // BENCH_FETCH_WAIT_MS: the consumers' longest fetch wait (the transport's default when unset).
  const maxFetchWaitMs = process.env.BENCH_FETCH_WAIT_MS ? Number(process.env.BENCH_FETCH_WAIT_MS) : undefined;
  const clock = new StageClock();
  const transport = clock.delivering(new KafkaTransport({ brokers, clientId: 'bench-latency', sessionTimeoutMs: 6000, heartbeatIntervalMs: 500, maxFetchWaitMs }));
  const sinkUrl = await createTestDatabase('bench-sink');
  const sink = new Pool({ connectionString: sinkUrl });
  sink.on('error', () => undefined);
  await ensureEventStoreSchema(sink);
  const started = new Map<string, number>();
  const latencies: number[] = [];
  let warmedUp = false;
  const arrived = (aggregateId: string) => {
    if (aggregateId === 'warm-up') warmedUp = true;
    const t0 = started.get(aggregateId);
    if (t0 === undefined) return;
    const now = performance.now();
    clock.stamp('committed', aggregateId, now);
    latencies.push(now - t0);
  };
  let stopConsumer: () => Promise<void>;
  if (path === 'inbox') {
    const consumer = new EventConsumer({
      name: 'latency', topics: [topic], pool: sink, transport, registry: testRegistry(), handle: async () => undefined,
      onCommitted: (events) => events.forEach((e) => arrived(e.aggregateId)),
    });
    await consumer.start();
    stopConsumer = () => consumer.stop();
  } else {
    const subscription = await transport.subscribe({ groupId: 'latency-bare', topics: [topic], fromBeginning: true }, async (batch) => {
      batch.forEach((m) => arrived(m.key ?? ''));
    });
    stopConsumer = () => subscription.stop();
  }
  // The relay and the consumer run as in two services: each its own client.
  const relayTransport = clock.publishing(new KafkaTransport({ brokers, clientId: 'bench-latency-relay' }));
  const relay = new OutboxRelay({ service: 'bench', connection: { connectionString: url }, transport: relayTransport, topicPrefix: prefix, idlePollMs: 1000 });
  relay.start();
  // Measure only once the consumer group has joined and the path is warm.
  await store.append({ aggregateId: 'warm-up', expectedVersion: 0, events: [changed(0)] });
  await waitFor('the warm-up event', () => (warmedUp ? true : undefined), 60_000, 50);
  const tickMs = 10;
  const perTick = Math.max(1, Math.round((ratePerSecond * tickMs) / 1000));
  const ticks = (seconds * 1000) / tickMs;
  // Appends are issued on the clock, not after the previous one returned, so a slow commit
  // does not lower the offered rate (concurrent appends share a group commit).
  const t0 = performance.now();
  const appends: Promise<unknown>[] = [];
  for (let t = 0; t < ticks; t++) {
    const ids = Array.from({ length: perTick }, (_, k) => `lat-${t}-${k}`);
    const at = performance.now();
    ids.forEach((id) => (started.set(id, at), clock.begin(id)));
    appends.push(
      store
        .append(ids.map((id) => ({ aggregateId: id, expectedVersion: 0, events: [changed(1)] })))
        .then(() => ids.forEach((id) => clock.stamp('appended', id))),
    );
    const wait = t0 + (t + 1) * tickMs - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(appends);
  const sent = ticks * perTick;
  const achieved = sent / ((performance.now() - t0) / 1000);
  await waitFor('all events consumed', () => (latencies.length >= sent ? true : undefined), 120_000, 50);
  await relay.stop();
  await stopConsumer();
  await Promise.all([transport.close(), relayTransport.close()]);
  await Promise.all([sink.end(), pool.end()]);
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { p50: q(0.5), p99: q(0.99), achieved, stages: clock.summary(started, path === 'inbox' ? 'committed' : 'delivered') };
}

/** Best (lowest p99) of `runs` measurements, with the spread of p99 over them. */
async function bestOf(runs: number, measure: () => Promise<Quantiles>): Promise<Quantiles & { spread: string }> {
  const all: Quantiles[] = [];
  for (let i = 0; i < runs; i++) all.push(await measure());
  all.sort((a, b) => a.p99 - b.p99);
  return { ...all[0], spread: all.map((r) => r.p99.toFixed(0)).join('/') };
}

/**
 * @platformatic/kafka (meant as a second client behind the transport port, chosen by
 * configuration): one acknowledged send to the same broker. It answers whether the client can
 * be measured here at all; the reason when not.
 */
async function probePlatformatic(brokers: string[]): Promise<string> {
  const { Producer, ProduceAcks } = await import('@platformatic/kafka');
  const { version } = JSON.parse(readFileSync(join(dirname(require.resolve('@platformatic/kafka')), '..', 'package.json'), 'utf8'));
  const producer = new Producer({ clientId: 'bench-probe', bootstrapBrokers: brokers, retries: 0, autocreateTopics: true });
  try {
    await producer.send({ messages: [{ topic: uniqueTopicPrefix('bench-probe') + 'x', key: Buffer.from('k'), value: Buffer.from('v') }], acks: ProduceAcks.ALL });
    return `${version}: sends`;
  } catch (error) {
    const inner = (error as { errors?: { apiId?: string; apiCode?: number; message?: string }[] }).errors?.[0];
    return `${version}: cannot talk to this broker: ${(error as Error).message}${inner ? ` (${inner.apiId} ${inner.apiCode}: ${inner.message})` : ''}`;
  } finally {
    await producer.close().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const handles = await servers();
  try {
    const infra = infraFromEnv()!;
    Object.assign(process.env, infraToEnv(infra));
    const { pool } = await freshStoreDb('bench-append');
    const fmt = (n: number) => n.toFixed(0).padStart(8);
    // BENCH_PARTS=append,command,publish,platformatic,latency runs a subset (all by default).
    const parts = (process.env.BENCH_PARTS ?? 'append,command,publish,platformatic,latency').split(',');
    console.log('custos bench:eventstore (same Postgres and broker, one run)\n');
    if (parts.includes('append')) {
      const single = await appendThroughput(pool, 1, 3000);
      console.log(`append, single, 4 callers: ${fmt(single.ours)} ev/s  raw INSERT ${fmt(single.raw)} ev/s  ratio ${(single.ours / single.raw).toFixed(2)} (target >= 0.5)`);
      const batched = await appendThroughput(pool, 100, 300);
      console.log(`append, 100 per call     : ${fmt(batched.ours)} ev/s  raw INSERT ${fmt(batched.raw)} ev/s  ratio ${(batched.ours / batched.raw).toFixed(2)} (target >= 0.5)`);
    }
    if (parts.includes('command')) {
      const callers = 8;
      const { first, atCommit } = await commandLatency(pool, callers, 400, Number(process.env.BENCH_ROUNDS ?? 3));
      const line = (q: { p50: number; p99: number; perSecond: number }) => `p50 ${q.p50.toFixed(1).padStart(6)} ms  p99 ${q.p99.toFixed(1).padStart(6)} ms  ${fmt(q.perSecond)}/s`;
      console.log(`command, ${callers} callers, append first  : ${line(first)}`);
      console.log(
        `command, ${callers} callers, append at commit: ${line(atCommit)}  ratio p50 ${(atCommit.p50 / first.p50).toFixed(2)} p99 ${(atCommit.p99 / first.p99).toFixed(2)} ` +
          `throughput ${(atCommit.perSecond / first.perSecond).toFixed(2)} (load ${loadavg().map((l) => l.toFixed(2)).join(' ')})`,
      );
    }
    if (parts.includes('publish')) {
      const publish = await publishThroughput(infra.kafkaBrokers);
      console.log(`relay publish            : ${fmt(publish.ours)} ev/s  bare kafkajs ${fmt(publish.raw)} msg/s  ratio ${(publish.ours / publish.raw).toFixed(2)} (target >= 0.7)`);
    }
    if (parts.includes('platformatic')) {
      console.log(`@platformatic/kafka on Node ${process.version}: ${await probePlatformatic(infra.kafkaBrokers)}`);
    }
    if (parts.includes('latency')) {
      // BENCH_RATES=1000,5000 (default), BENCH_RUNS=2 measurements of each, the best reported.
      const rates = (process.env.BENCH_RATES ?? '1000,5000').split(',').map(Number);
      const runs = Number(process.env.BENCH_RUNS ?? 2);
      const seconds = Number(process.env.BENCH_SECONDS ?? 10);
      for (const rate of rates) {
        const bare = await bestOf(runs, () => endToEndLatency(infra.kafkaBrokers, rate, seconds, 'bare'));
        const lat = await bestOf(runs, () => endToEndLatency(infra.kafkaBrokers, rate, seconds, 'inbox'));
        const ms = (q: Quantiles) => `p50 ${q.p50.toFixed(1).padStart(6)} ms  p99 ${q.p99.toFixed(1).padStart(6)} ms`;
        console.log(`bare transport  @${String(rate).padStart(5)}/s: ${ms(bare)} at ${bare.achieved.toFixed(0)} ev/s (p99 of ${runs} runs: ${bare.spread})`);
        console.log(`  stages, p50/p99 ms after the previous: ${bare.stages}`);
        console.log(
          `append -> inbox @${String(rate).padStart(5)}/s: ${ms(lat)} at ${lat.achieved.toFixed(0)} ev/s (p99 of ${runs} runs: ${lat.spread}), ` +
            `ratio to bare p50 ${(lat.p50 / bare.p50).toFixed(2)} p99 ${(lat.p99 / bare.p99).toFixed(2)}; ` +
            `goal p99 < 100 ms, committed: ${lat.p99 < 100 ? 'met' : 'MISSED'} (load ${loadavg().map((l) => l.toFixed(2)).join(' ')})`,
        );
        console.log(`  stages, p50/p99 ms after the previous: ${lat.stages}`);
      }
    }
    await pool.end();
  } finally {
    await stopTestServers(handles);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
