// npm run bench:ledger — the audit ledger measured against raw baselines on the same servers
// (issue 7). Not a test. Starts its own Postgres, Kafka-protocol broker and S3 unless
// DATABASE_URL, KAFKA_BROKERS and S3_* are set. BENCH_PROOF_SIZES (default 1000000,10000000)
// and BENCH_APPENDS (default 100000) scale it down.
import { createHash, randomUUID } from 'node:crypto';
import { canonicalBytes, EventEnvelope, eventTopic, PendingEvent } from '@custos/contracts';
import { ensureEventStoreSchema, EventStore, KafkaTransport, OutboxRelay } from '@custos/eventstore';
import {
  generateNoteKeys,
  inclusionProofPlan,
  leafHash,
  parseSignerKey,
  verifyConsistency,
  verifyInclusion,
  verifyLedgerExport,
} from '@custos/ledger-core';
import {
  createTestBucket,
  createTestDatabase,
  infraFromEnv,
  infraToEnv,
  startLocalProcesses,
  stopTestServers,
  testS3Client,
  uniqueTopicPrefix,
  waitFor,
} from '@custos/testing';
import { Pool } from 'pg';
import { LedgerQueries } from '../src/api/ledger-queries';
import { ledgerExportJson } from '../src/bundle/ledger-export';
import { Checkpointer } from '../src/checkpoints/checkpointer';
import { CheckpointStore } from '../src/checkpoints/checkpoint-store';
import { S3CheckpointArchive } from '../src/checkpoints/s3-checkpoint-archive';
import { LedgerIngest } from '../src/ingest/ledger-ingest';
import { LeafInput } from '../src/log/ledger-entry';
import { LedgerLog } from '../src/log/ledger-log';
import { ensureLedgerSchema } from '../src/log/ledger.schema';
import { LedgerMetrics } from '../src/ledger.metrics';

const ORIGIN = 'bench.custos/ledger';
const keys = generateNoteKeys(ORIGIN);
const signer = (() => {
  const parsed = parseSignerKey(keys.signerKey);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
})();

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

function line(what: string, value: string, ratio: string): void {
  process.stdout.write(`${what.padEnd(58)} ${value.padStart(22)}   ${ratio}\n`);
}

async function freshDb(label: string, max = 8): Promise<{ url: string; pool: Pool }> {
  const url = await createTestDatabase(label);
  const pool = new Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  await ensureEventStoreSchema(pool);
  await ensureLedgerSchema(pool);
  return { url, pool };
}

/** A realistic envelope (≈ 600 bytes canonical): what the relays publish. */
function envelope(service: string, sequence: number): EventEnvelope {
  return {
    id: randomUUID(),
    type: `${service}.EvidenceHandedOver`,
    schemaVersion: 1,
    aggregateId: `evidence-${sequence % 1000}`,
    aggregateVersion: Math.floor(sequence / 1000) + 1,
    occurredAt: new Date().toISOString(),
    actor: { subject: randomUUID(), organisationId: 'org-psb-changan', roles: ['OFFICER'] },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    payload: {
      evidenceId: `evidence-${sequence % 1000}`,
      fromOfficerId: 'person-officer-wang',
      toOfficerId: 'person-officer-li',
      purpose: 'transfer to the case file for review by the competent head',
      packageSha256: createHash('sha256').update(String(sequence)).digest('hex'),
      handedOverAt: new Date().toISOString(),
    },
    sequence,
    service,
  };
}

function leafOf(e: EventEnvelope): LeafInput {
  return {
    eventId: e.id,
    service: e.service,
    sequence: e.sequence,
    aggregateId: e.aggregateId,
    type: e.type,
    entry: canonicalBytes(e),
  };
}

/**
 * 1. Durable appends through LedgerLog vs a raw multi-row INSERT (unnest) of the same rows into
 * a table without indexes or triggers (pg-copy-streams is not installed, so no COPY). The two
 * alternate chunk by chunk, so load from other processes on the machine hits both alike.
 */
async function appendThroughput(total: number, batch: number): Promise<{ pool: Pool; perSecond: number }> {
  const leaves = Array.from({ length: total }, (_, i) => leafOf(envelope('custody', i + 1)));
  const raw = await freshDb('bench-raw');
  await raw.pool
    .query(`CREATE TABLE raw_leaves (leaf_index bigint, event_id uuid, service text, service_sequence bigint,
    aggregate_id text, event_type text, entry bytea, appended_at timestamptz DEFAULT now())`);
  const rawInsert = (rows: LeafInput[], from: number) =>
    raw.pool.query(
      `INSERT INTO raw_leaves (leaf_index, event_id, service, service_sequence, aggregate_id, event_type, entry)
       SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::bytea[])`,
      [
        rows.map((_, i) => from + i),
        rows.map((l) => l.eventId),
        rows.map((l) => l.service),
        rows.map((l) => l.sequence),
        rows.map((l) => l.aggregateId),
        rows.map((l) => l.type),
        rows.map((l) => l.entry),
      ],
    );
  const ours = await freshDb('bench-appends');
  const log = new LedgerLog(ours.pool);
  let rawS = 0;
  let oursS = 0;
  for (let from = 0; from < total; from += batch) {
    const rows = leaves.slice(from, from + batch);
    let t0 = process.hrtime.bigint();
    await rawInsert(rows, from);
    rawS += seconds(t0);
    t0 = process.hrtime.bigint();
    await log.append(rows);
    oursS += seconds(t0);
  }
  const [rate, rawRate] = [total / oursS, total / rawS];

  const single = leaves.slice(0, 1000).map((l) => ({ ...l, eventId: randomUUID(), sequence: l.sequence + total }));
  let singleRawS = 0;
  let singleS = 0;
  for (const [k, leaf] of single.entries()) {
    let t0 = process.hrtime.bigint();
    await rawInsert([leaf], total + k);
    singleRawS += seconds(t0);
    t0 = process.hrtime.bigint();
    await log.append([leaf]);
    singleS += seconds(t0);
  }
  await raw.pool.end();
  const [singleRate, singleRawRate] = [single.length / singleS, single.length / singleRawS];
  line(
    `durable appends/s, LedgerLog, batches of ${batch}`,
    `${fmt(rate)} /s`,
    `${fmt(rate / rawRate, 2)}× raw INSERT unnest (${fmt(rawRate)} /s)`,
  );
  line(
    'durable appends/s, LedgerLog, one event per transaction',
    `${fmt(singleRate)} /s`,
    `${fmt(singleRate / singleRawRate, 2)}× raw one-row INSERT (${fmt(singleRawRate)} /s)`,
  );
  return { pool: ours.pool, perSecond: rate };
}

/** 1b. The same path fed by Kafka: pre-produced topics drained by the ingest (group commit). */
async function ingestThroughput(brokers: string[], perService: number, batchedRate: number): Promise<void> {
  const prefix = uniqueTopicPrefix('bench-ingest');
  const services = ['requests', 'approvals', 'custody'];
  const transport = new KafkaTransport({
    brokers,
    clientId: 'bench-ingest',
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 500,
    partitionsConsumedConcurrently: 8,
  });
  for (const service of services) {
    for (let from = 0; from < perService; from += 2000) {
      const events = Array.from({ length: Math.min(2000, perService - from) }, (_, k) =>
        envelope(service, from + k + 1),
      );
      await transport.publish(
        events.map((e) => ({
          topic: eventTopic(service, prefix),
          key: e.aggregateId,
          eventId: e.id,
          value: canonicalBytes(e),
        })),
      );
    }
  }
  const { pool } = await freshDb('bench-ingest');
  const log = new LedgerLog(pool);
  const metrics = new LedgerMetrics();
  let first: bigint | undefined;
  log.onAppended(() => (first ??= process.hrtime.bigint()));
  const ingest = new LedgerIngest({
    log,
    transport,
    groupId: `bench-${prefix}`,
    services,
    topicPrefix: prefix,
    maxBatch: 2000,
    metrics,
  });
  await ingest.start();
  const total = perService * services.length;
  await waitFor('the ingest', async () => ((await log.size()) === total ? true : undefined), 300_000, 20);
  const rate = total / seconds(first as bigint);
  const batches = (await metrics.appendBatches.get()).values[0].value;
  await ingest.stop();
  await transport.close();
  await pool.end();
  line(
    `ingest appends/s from Kafka (3 topics × 4 partitions)`,
    `${fmt(rate)} /s`,
    `${fmt(rate / batchedRate, 2)}× LedgerLog batched; mean batch ${fmt(total / batches, 1)}`,
  );
}

/** 2. Event appended at its source → included in a signed, archived checkpoint. */
async function checkpointLatency(
  brokers: string[],
  intervalMs: number,
  ratePerSecond: number,
  durationS: number,
): Promise<void> {
  const prefix = uniqueTopicPrefix('bench-latency');
  const transport = new KafkaTransport({
    brokers,
    clientId: 'bench-latency',
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 500,
    partitionsConsumedConcurrently: 8,
  });
  const sources = await Promise.all(
    ['requests', 'custody'].map(async (service) => {
      const { url, pool } = await freshDb(`bench-src-${service}`);
      const relay = new OutboxRelay({
        service,
        connection: { connectionString: url },
        transport,
        topicPrefix: prefix,
        idlePollMs: 200,
      });
      return { service, pool, store: new EventStore(pool, service), relay };
    }),
  );
  const { pool } = await freshDb('bench-latency');
  const log = new LedgerLog(pool);
  const metrics = new LedgerMetrics();
  const bucket = await createTestBucket('bench-checkpoints', { objectLock: true });
  const checkpointer = new Checkpointer({
    pool,
    log,
    store: new CheckpointStore(pool),
    archive: new S3CheckpointArchive({ client: testS3Client(), bucket, retentionDays: 1 }),
    signer,
    origin: ORIGIN,
    intervalMs,
    everyEntries: 1000,
    metrics,
  });
  const ingest = new LedgerIngest({
    log,
    transport,
    groupId: `bench-${prefix}`,
    services: ['requests', 'custody'],
    topicPrefix: prefix,
    maxBatch: 500,
    metrics,
  });
  await ingest.start();
  sources.forEach((s) => s.relay.start());
  checkpointer.start();
  // Let the consumer group settle before the clock starts.
  const warm = sources[0];
  await warm.store.append({ aggregateId: 'warm-up', expectedVersion: 0, events: [pending(0)] });
  await waitFor('the warm-up event', async () => ((await log.size()) === 1 ? true : undefined), 60_000, 50);

  const deadline = Date.now() + durationS * 1000;
  let n = 0;
  while (Date.now() < deadline) {
    const tick = Date.now();
    const perSource = Math.max(1, Math.round(ratePerSecond / 20 / sources.length));
    await Promise.all(
      sources.map((s) =>
        s.store.append(
          Array.from({ length: perSource }, () => ({
            aggregateId: `agg-${n++ % 500}`,
            expectedVersion: 'any' as const,
            events: [pending(n)],
          })),
        ),
      ),
    );
    await new Promise((r) => setTimeout(r, Math.max(0, 50 - (Date.now() - tick))));
  }
  const expected = (await Promise.all(sources.map((s) => s.store.headSequence()))).reduce((a, b) => a + b, 0);
  await waitFor(
    'every event signed',
    async () => {
      const { rows } = await pool.query('SELECT max(tree_size) AS s FROM ledger_checkpoints');
      return Number(rows[0].s) >= expected ? true : undefined;
    },
    60_000,
    50,
  );
  const { rows } = await pool.query(`
    SELECT extract(epoch FROM (c.signed_at - (convert_from(l.entry, 'UTF8')::json->>'occurredAt')::timestamptz)) * 1000 AS ms,
           extract(epoch FROM (l.appended_at - (convert_from(l.entry, 'UTF8')::json->>'occurredAt')::timestamptz)) * 1000 AS leaf_ms
      FROM ledger_leaves l
      CROSS JOIN LATERAL (SELECT min(signed_at) AS signed_at FROM ledger_checkpoints WHERE tree_size > l.leaf_index) c
     WHERE l.aggregate_id <> 'warm-up'`);
  const latencies = rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
  const toLeaf = rows.map((r) => Number(r.leaf_ms)).sort((a, b) => a - b);
  const checkpoints = Number((await pool.query('SELECT count(*) FROM ledger_checkpoints')).rows[0].count);
  await checkpointer.stop();
  await ingest.stop();
  await Promise.all(sources.map((s) => s.relay.stop()));
  await transport.close();
  await Promise.all([pool.end(), ...sources.map((s) => s.pool.end())]);
  const p99 = percentile(latencies, 99);
  line(
    'event → durable ledger leaf p99',
    `${fmt(percentile(toLeaf, 99))} ms`,
    `p50 ${fmt(percentile(toLeaf, 50))} ms (source append → relay → Kafka → ingest)`,
  );
  line(
    `event → signed checkpoint p99 (${fmt(latencies.length)} events, ${ratePerSecond}/s)`,
    `${fmt(p99)} ms`,
    `${fmt(p99 / intervalMs, 2)}× the ${intervalMs} ms interval; p50 ${fmt(percentile(latencies, 50))} ms; ${checkpoints} checkpoints`,
  );
}

function pending(n: number): PendingEvent {
  return {
    type: 'custody.EvidenceHandedOver',
    schemaVersion: 1,
    payload: { n },
    actor: { subject: 'bench' },
    correlationId: `c-${n}`,
  };
}

/** Fills ledger_nodes for `size` synthetic leaves in SQL: level 0, then each level from the one below. */
async function buildTree(pool: Pool, size: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  await pool.query('ALTER TABLE ledger_nodes SET UNLOGGED');
  await pool.query(
    `INSERT INTO ledger_nodes (level, node_index, hash)
    SELECT 0, i, sha256('\\x00'::bytea || int8send(i)) FROM generate_series(0, $1::bigint - 1) AS i`,
    [size],
  );
  for (let level = 1; 2 ** level <= size; level++) {
    await pool.query(
      `INSERT INTO ledger_nodes (level, node_index, hash)
       SELECT $1, idx / 2, sha256('\\x01'::bytea || hash || next)
         FROM (SELECT node_index AS idx, hash, lead(hash) OVER (ORDER BY node_index) AS next
                 FROM ledger_nodes WHERE level = $1 - 1) s
        WHERE idx % 2 = 0 AND next IS NOT NULL`,
      [level],
    );
  }
  await pool.query('ANALYZE ledger_nodes');
  return seconds(t0);
}

/** 3. Inclusion and consistency proofs at a large size: one query of O(log n) rows each. */
async function proofTimes(size: number): Promise<void> {
  const { pool } = await freshDb(`bench-proofs-${size}`, 4);
  const built = await buildTree(pool, size);
  const log = new LedgerLog(pool);
  const root = await log.root(size);
  const samples = 500;
  const random = () => Math.floor(Math.random() * size);
  const inclusion: number[] = [];
  const consistency: number[] = [];
  const lookup: number[] = [];
  let reads = 0;
  for (let k = 0; k < samples; k++) {
    const index = random();
    let t0 = process.hrtime.bigint();
    const [proof] = await log.inclusionProofs([index], size);
    inclusion.push(ms(t0));
    const plan = inclusionProofPlan(index, size);
    reads += plan.ok ? plan.value.nodes.length : 0;
    const entry = Buffer.alloc(8);
    entry.writeBigInt64BE(BigInt(index));
    const leaf = leafHash(entry);
    if (!verifyInclusion(leaf, index, size, proof, root))
      throw new Error(`inclusion proof of ${index} in ${size} does not verify`);

    const m = 1 + Math.floor(Math.random() * (size - 1));
    t0 = process.hrtime.bigint();
    const cproof = await log.consistencyProof(m, size);
    consistency.push(ms(t0));
    if (k < 20 && !verifyConsistency(m, size, await log.root(m), root, cproof))
      throw new Error(`consistency ${m}→${size} fails`);

    t0 = process.hrtime.bigint();
    await pool.query('SELECT hash FROM ledger_nodes WHERE level = 0 AND node_index = $1', [index]);
    lookup.push(ms(t0));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const pk = mean(lookup);
  line(`tree of ${fmt(size)} leaves built in SQL`, `${fmt(built, 1)} s`, `${fmt(size / built)} leaves/s`);
  line(
    `inclusion proof at ${fmt(size)} (mean of ${samples}, ${fmt(reads / samples, 1)} nodes)`,
    `${fmt(mean(inclusion), 2)} ms`,
    `${fmt(mean(inclusion) / pk, 2)}× one primary-key read (${fmt(pk, 3)} ms); p99 ${fmt(
      percentile(
        [...inclusion].sort((a, b) => a - b),
        99,
      ),
      2,
    )} ms`,
  );
  line(
    `consistency proof at ${fmt(size)} (mean of ${samples})`,
    `${fmt(mean(consistency), 2)} ms`,
    `${fmt(mean(consistency) / pk, 2)}× one primary-key read; p99 ${fmt(
      percentile(
        [...consistency].sort((a, b) => a - b),
        99,
      ),
      2,
    )} ms`,
  );
  await pool.query('DROP TABLE ledger_nodes');
  await pool.end();
}

/** 4. The offline verifier on a real export vs bare SHA-256 over the same entry bytes. */
async function verifierThroughput(pool: Pool): Promise<void> {
  const log = new LedgerLog(pool);
  const checkpointer = new Checkpointer({
    pool,
    log,
    store: new CheckpointStore(pool),
    archive: { assertWriteOnce: async () => undefined, put: async (s) => ({ key: `${s}`, versionId: null }) },
    signer,
    origin: ORIGIN,
    intervalMs: 60_000,
    everyEntries: 1e9,
    metrics: new LedgerMetrics(),
  });
  await checkpointer.checkpointNow();
  const identity: LedgerQueries['identity'] = { origin: ORIGIN, publicKey: keys.verifierKey };
  let t0 = process.hrtime.bigint();
  const text = await ledgerExportJson(pool, identity);
  const exportS = seconds(t0);
  const json = JSON.parse(text);
  const entries = (json.entries as string[]).map((e) => Buffer.from(e, 'base64'));
  const bytes = entries.reduce((n, e) => n + e.length, 0);

  t0 = process.hrtime.bigint();
  const result = verifyLedgerExport(json, { trustedPublicKey: keys.verifierKey });
  const verifyS = seconds(t0);
  if (!result.ok) throw new Error(`the export does not verify: ${result.error.message}`);

  t0 = process.hrtime.bigint();
  for (const entry of entries) createHash('sha256').update(entry).digest();
  const rawS = seconds(t0);
  const mb = bytes / 1e6;
  line(
    `ledger export (${fmt(entries.length)} entries, ${fmt(text.length / 1e6, 1)} MB JSON)`,
    `${fmt(entries.length / exportS)} entries/s`,
    `${fmt(text.length / 1e6 / exportS, 1)} MB/s`,
  );
  line(
    'verifier throughput (verifyLedgerExport)',
    `${fmt(entries.length / verifyS)} entries/s`,
    `${fmt(rawS / verifyS, 2)}× raw createHash('sha256') (${fmt(entries.length / rawS)} entries/s, ${fmt(mb / rawS, 0)} MB/s); verifier ${fmt(mb / verifyS, 0)} MB/s`,
  );
}

async function settle(databaseUrl: string): Promise<void> {
  const admin = new Pool({ connectionString: databaseUrl, max: 1 });
  await admin.query('CHECKPOINT');
  await admin.end();
}

async function main(): Promise<void> {
  const started = infraFromEnv() ? undefined : await startLocalProcesses();
  if (started) Object.assign(process.env, infraToEnv(started.infra));
  const infra = infraFromEnv();
  if (!infra) throw new Error('no servers');
  const appends = Number(process.env.BENCH_APPENDS ?? 100_000);
  const proofSizes = (process.env.BENCH_PROOF_SIZES ?? '1000000,10000000').split(',').map(Number);
  process.stdout.write(`\ncustos ledger benchmark — ${infra.source}, node ${process.version}\n\n`);
  try {
    // Latency first, on quiet servers; a Postgres CHECKPOINT between phases keeps one
    // phase's dirty pages from being written during the next.
    await checkpointLatency(infra.kafkaBrokers, 1000, 200, 15);
    await settle(infra.databaseUrl);
    const { pool, perSecond } = await appendThroughput(appends, 500);
    await settle(infra.databaseUrl);
    await ingestThroughput(infra.kafkaBrokers, 10_000, perSecond);
    await verifierThroughput(pool);
    await pool.end();
    for (const size of proofSizes) {
      await settle(infra.databaseUrl);
      await proofTimes(size);
    }
  } finally {
    if (started) await stopTestServers(started.handles);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
