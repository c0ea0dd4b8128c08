// kafkajs 2.2.4 vs @platformatic/kafka on the SAME librdkafka 2.12 mock, in the same run,
// alternating the order each round. Ratios are platformatic / kafkajs.
//
//   npm run bench:kafka-client (run.sh builds the mock; env MOCK, BROKER_COUNT=3)
//
// produce:  1 KiB messages, acks=-1, sequential sends of `batch` messages (like the
//           transport's publish with one request in flight), msg/s.
// latency:  ~1,000 msg/s paced for LAT_SECONDS; append (the send call) -> consumer callback,
//           p50/p99/max. kafkajs consumes in a group (eachBatch, as KafkaTransport does);
//           @platformatic/kafka cannot join a group on this mock (FindCoordinator v4+ /
//           OffsetFetch v8+), so it consumes with a group-less Fetch loop per leader.
//           Both use maxWait 25 ms (the transport's default; the mock holds an empty fetch
//           for the full maxWait and is not woken by new data).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Kafka, logLevel } from 'kafkajs';
import { Producer as PProducer, Consumer as PConsumer, stringSerializer } from '@platformatic/kafka';

const ROUNDS = Number(process.argv[2] ?? 3);
const MOCK = process.env.MOCK ?? new URL('./mock-cluster-av3', import.meta.url).pathname;
const BROKER_COUNT = Number(process.env.BROKER_COUNT ?? 3);
const PARTITIONS = 3;
const LAT_RATE = Number(process.env.LAT_RATE ?? 1000);
const LAT_SECONDS = Number(process.env.LAT_SECONDS ?? 5);
const MAX_WAIT_MS = 25;
const CASES = [
  { batch: 100, total: Number(process.env.TOTAL_B100 ?? 20000) },
  { batch: 1, total: Number(process.env.TOTAL_B1 ?? 2000) },
];
const VALUE = Buffer.alloc(1024, 0x61);

function startMock(topics) {
  const child = spawn(MOCK, [String(BROKER_COUNT), ...topics.map((t) => `${t}:${PARTITIONS}`)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const info = {};
    lines.on('line', (line) => {
      const [k, v] = line.split('=');
      if (k === 'bootstrap.servers') info.brokers = v.split(',');
      else info.version = line;
      if (info.brokers && info.version) resolve({ ...info, stop: () => child.stdin.end() });
    });
    child.once('exit', (code) => reject(new Error(`mock exited ${code}`)));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const eventId = (i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** The two clients behind the same tiny surface: connect, publish a batch, consume, close. */
function kafkajsClient(brokers) {
  const kafka = new Kafka({ clientId: 'bench-kafkajs', brokers, logLevel: logLevel.NOTHING, connectionTimeout: 3000, requestTimeout: 10000 });
  const producer = kafka.producer({ allowAutoTopicCreation: true, maxInFlightRequests: 1 });
  const consumers = [];
  return {
    name: 'kafkajs',
    connect: () => producer.connect(),
    publish: (topic, messages) =>
      producer.sendBatch({
        acks: -1,
        timeout: 10000,
        topicMessages: [{ topic, messages: messages.map((m) => ({ key: m.key, value: m.value, headers: { 'event-id': m.eventId } })) }],
      }),
    async consume(topic, onMessage) {
      const consumer = kafka.consumer({ groupId: `g-${topic}`, sessionTimeout: 10000, rebalanceTimeout: 10000, heartbeatInterval: 1000, maxWaitTimeInMs: MAX_WAIT_MS });
      consumers.push(consumer);
      const joined = new Promise((r) => consumer.on(consumer.events.GROUP_JOIN, r));
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        autoCommitThreshold: 1000,
        autoCommitInterval: 1000,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: 2,
        eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary }) => {
          for (const m of batch.messages) onMessage(m.value);
          resolveOffset(batch.messages[batch.messages.length - 1].offset);
          await heartbeat();
          await commitOffsetsIfNecessary();
        },
      });
      await joined;
    },
    async close() {
      await Promise.all(consumers.map((c) => c.disconnect()));
      await producer.disconnect();
    },
  };
}

function platformaticClient(brokers) {
  const producer = new PProducer({ clientId: 'bench-platformatic', bootstrapBrokers: brokers, acks: -1, autocreateTopics: true, timeout: 10000,
    // string keys and header values, like the transport's OutgoingMessage; values stay Buffers
    serializers: { key: stringSerializer, headerKey: stringSerializer, headerValue: stringSerializer } });
  const consumers = [];
  let running = true;
  return {
    name: 'platformatic',
    connect: () => producer.metadata({ topics: [] }),
    publish: (topic, messages) =>
      producer.send({
        acks: -1,
        messages: messages.map((m) => ({ topic, key: m.key, value: m.value, headers: new Map([['event-id', m.eventId]]) })),
      }),
    // No group: one Fetch loop per leader broker, offsets kept here (manual assignment).
    async consume(topic, onMessage) {
      const consumer = new PConsumer({ clientId: 'bench-platformatic-c', groupId: `g-${topic}`, bootstrapBrokers: brokers, maxWaitTime: MAX_WAIT_MS, timeout: 10000 });
      consumers.push(consumer);
      const md = await consumer.metadata({ topics: [topic] });
      const t = md.topics.get(topic);
      const byLeader = new Map();
      t.partitions.forEach((p, partition) => {
        if (!byLeader.has(p.leader)) byLeader.set(p.leader, []);
        byLeader.get(p.leader).push({ partition, fetchOffset: 0n, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1, lastFetchedEpoch: -1, logStartOffset: -1n });
      });
      for (const [node, partitions] of byLeader) {
        (async () => {
          while (running) {
            const r = await consumer.fetch({ node, maxWaitTime: MAX_WAIT_MS, minBytes: 1, maxBytes: 8 << 20, topics: [{ topicId: t.id, partitions }] });
            for (const resp of r.responses) {
              for (const pr of resp.partitions) {
                const wanted = partitions.find((p) => p.partition === pr.partitionIndex);
                for (const batch of pr.records ?? []) {
                  for (const rec of batch.records) {
                    const offset = batch.firstOffset + BigInt(rec.offsetDelta);
                    if (offset < wanted.fetchOffset) continue;
                    onMessage(rec.value);
                    wanted.fetchOffset = offset + 1n;
                  }
                }
              }
            }
          }
        })().catch((e) => running && console.error('platformatic fetch loop:', e.message));
      }
    },
    async close() {
      running = false;
      await sleep(MAX_WAIT_MS * 3);
      await Promise.all(consumers.map((c) => c.close(true)));
      await producer.close();
    },
  };
}

const CLIENTS = { kafkajs: kafkajsClient, platformatic: platformaticClient };

function messages(from, n, stamp) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    let value = VALUE;
    if (stamp) {
      value = Buffer.from(VALUE);
      value.writeDoubleBE(performance.now(), 0);
      value.writeUInt32BE(from + i, 8);
    }
    out[i] = { key: `agg-${(from + i) % 64}`, value, eventId: eventId(from + i) };
  }
  return out;
}

async function produceRun(makeClient, brokers, topic, batch, total) {
  const client = makeClient(brokers);
  await client.connect();
  await client.publish(topic, messages(0, batch, false)); // warm-up: metadata, connections
  const start = performance.now();
  for (let sent = 0; sent < total; sent += batch) await client.publish(topic, messages(sent, batch, false));
  const seconds = (performance.now() - start) / 1000;
  await client.close();
  return total / seconds;
}

async function latencyRun(makeProducer, makeConsumer, brokers, topic) {
  const producer = makeProducer(brokers);
  const consumer = makeConsumer(brokers);
  await producer.connect();
  const total = LAT_RATE * LAT_SECONDS;
  const latencies = [];
  const seen = new Uint8Array(total);
  let dups = 0;
  let done;
  const allIn = new Promise((r) => (done = r));
  await consumer.consume(topic, (value) => {
    const now = performance.now();
    const seq = value.readUInt32BE(8);
    if (seen[seq]++) dups++;
    else latencies.push(now - value.readDoubleBE(0));
    if (latencies.length === total) done();
  });
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * LAT_RATE) / 1000));
    if (due > sent) {
      const n = due - sent;
      await producer.publish(topic, messages(sent, n, true));
      sent += n;
    } else await sleep(1);
  }
  const rate = total / ((performance.now() - start) / 1000);
  await Promise.race([allIn, sleep(15000)]);
  await consumer.close();
  await producer.close();
  latencies.sort((a, b) => a - b);
  return { rate, got: latencies.length, total, dups, p50: pct(latencies, 50), p99: pct(latencies, 99), max: latencies[latencies.length - 1] };
}

const names = ['kafkajs', 'platformatic'];
const topics = [];
for (let r = 1; r <= ROUNDS; r++)
  for (const n of names) {
    for (const c of CASES) topics.push(`tp-${n}-b${c.batch}-r${r}`);
    for (const c of names) topics.push(`lat-${n}-${c}-r${r}`);
  }
const mock = await startMock(topics);
console.log(`# ${mock.version}, ${BROKER_COUNT} brokers, ${PARTITIONS} partitions per topic, mock=${MOCK}`);
const require = createRequire(import.meta.url);
/** A package's version: the nearest package.json above its entry point that bears its name. */
function versionOf(name) {
  for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    if (pkg.name === name) return pkg.version;
  }
  return 'unknown';
}
console.log(`# node ${process.version}, kafkajs ${versionOf('kafkajs')}, @platformatic/kafka ${versionOf('@platformatic/kafka')}`);
let crc = 'native @node-rs/crc32 (optional dependency)';
try { require('@node-rs/crc32'); } catch { crc = 'wasm (@platformatic/wasm-utils), native hidden'; }
console.log(`# @platformatic/kafka CRC32C: ${crc}`);
const f = (x, d = 0) => x.toFixed(d);
try {
  for (let r = 1; r <= ROUNDS; r++) {
    const order = r % 2 ? names : [...names].reverse();
    for (const c of CASES) {
      const res = {};
      for (const n of order) res[n] = await produceRun(CLIENTS[n], mock.brokers, `tp-${n}-b${c.batch}-r${r}`, c.batch, c.total);
      console.log(`round ${r} produce 1KiB acks=-1 batch=${String(c.batch).padEnd(3)} (${c.total} msgs, ${order[0]} first): kafkajs ${f(res.kafkajs)} msg/s, platformatic ${f(res.platformatic)} msg/s, ratio ${f(res.platformatic / res.kafkajs, 2)}`);
    }
    // producer -> consumer; the mixed pairs separate the producer's share from the consumer's.
    const pairs = [['kafkajs', 'kafkajs'], ['platformatic', 'platformatic'], ['platformatic', 'kafkajs'], ['kafkajs', 'platformatic']];
    const lat = {};
    for (const [pn, cn] of r % 2 ? pairs : [...pairs].reverse()) lat[`${pn}->${cn}`] = await latencyRun(CLIENTS[pn], CLIENTS[cn], mock.brokers, `lat-${pn}-${cn}-r${r}`);
    for (const [pn, cn] of pairs) {
      const l = lat[`${pn}->${cn}`];
      console.log(`round ${r} latency ${`${pn}->${cn}`.padEnd(26)} ${f(l.rate)} msg/s sent, got ${l.got}/${l.total} dups ${l.dups}: p50 ${f(l.p50, 1)} ms, p99 ${f(l.p99, 1)} ms, max ${f(l.max, 1)} ms`);
    }
    const pp = lat['platformatic->platformatic'], kk = lat['kafkajs->kafkajs'];
    console.log(`round ${r} latency ratio platformatic/kafkajs (both ends): p50 ${f(pp.p50 / kk.p50, 2)}, p99 ${f(pp.p99 / kk.p99, 2)}`);
  }
} finally {
  mock.stop();
}
