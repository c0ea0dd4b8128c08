// npm run bench:ledger — the audit ledger measured against raw baselines on the same servers
// (issue 7). Not a test. Starts its own Postgres, Kafka-protocol broker and S3 unless
// DATABASE_URL, KAFKA_BROKERS and S3_* are set. BENCH_PROOF_SIZES (default 1000000,10000000)
// and BENCH_APPENDS (default 100000) scale it down. Every figure is printed with the ratio to
// a baseline measured in the same run (the machine is shared: absolute numbers drift) and the
// issue's goal beside it.
import * as crypto from 'node:crypto';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { canonicalBytes, EventEnvelope, eventTopic, PendingEvent } from '@custos/contracts';
import { KafkaTransport, newEventId, resilientPool } from '@custos/eventstore';
import {
  ByteSource,
  generateNoteKeys,
  inclusionProofPlan,
  indexLedgerExport,
  leafHash,
  parseSignerKey,
  verifyConsistency,
  verifyInclusion,
  verifyIndexedExport,
  verifyLedgerExport,
} from '@custos/ledger-core';
import {
  createTestBucket,
  createTestDatabase,
  databaseUrlAs,
  infraFromEnv,
  infraToEnv,
  startLocalProcesses,
  stopTestServers,
  testDatabaseRoles,
  testS3Client,
  uniqueTopicPrefix,
  waitFor,
} from '@custos/testing';
import { Client, Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { LedgerQueries } from '../src/queries/log/ledger-queries';
import { ledgerExportChunks } from '../src/queries/export/ledger-export';
import { Checkpointer } from '../src/commands/sign-checkpoint/checkpointer';
import { CheckpointStore } from '../src/database/checkpoint-store';
import { S3CheckpointArchive } from '../src/adapters/s3-checkpoint-archive';
import { LedgerIngest } from '../src/consumers/ledger-ingest';
import { LeafInput } from '../src/domain/ledger-entry';
import { leavesCopy } from '../src/database/append-script';
import { LedgerLog } from '../src/database/ledger-log';
import { LEDGER_MIGRATIONS } from '../src/migrations';
import { STORED_LEVEL_STEP } from '../src/domain/stored-nodes';
import { LedgerMetrics } from '../src/ledger.metrics';
import { leafOf, sourceServiceOn } from '../test/support';
import { tileReadTimes } from './tiles.bench';

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

function line(what: string, value: string, ratio: string, goal = ''): void {
  process.stdout.write(
    `${what.padEnd(58)} ${value.padStart(22)}   ${ratio}${goal === '' ? '' : `\n${''.padEnd(83)}${goal}`}\n`,
  );
}

/** "goal …: met" or "MISSED", for the line under a figure. */
function goal(text: string, met: boolean): string {
  return `goal ${text}: ${met ? 'met' : 'MISSED'}`;
}

interface BenchDb {
  /** As the runtime role, which the services run as: only what the migrations grant it. */
  readonly url: string;
  readonly pool: Pool;
  /** As the superuser: for a baseline's own table and the synthetic tree's bulk load. */
  readonly adminUrl: string;
}

/**
 * A fresh database migrated as a deployment's is (the ledger's migrations, applied by the owner
 * role, granting to the runtime role), with a pool on it as the runtime role. The pool's
 * connections each have an 'error' listener: a backend terminated under them (57P01, e.g. when
 * the servers stop after a failure) fails the statement in flight, not the process.
 */
async function freshDb(label: string, max = 8): Promise<BenchDb> {
  const adminUrl = await createTestDatabase(label, { migrations: LEDGER_MIGRATIONS });
  const url = databaseUrlAs(adminUrl, (await testDatabaseRoles()).runtime);
  return { url, adminUrl, pool: resilientPool({ connectionString: url, max }) };
}

/** Runs `work` on one connection as the superuser (DDL the runtime role may not run). */
async function asAdmin<T>(url: string, work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: url });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** A realistic envelope (≈ 600 bytes canonical): what the relays publish, with the event store's ids. */
function envelope(service: string, sequence: number): EventEnvelope {
  return {
    id: newEventId(),
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

const LEAF_COLUMNS = 'leaf_index, event_id, service, service_sequence, aggregate_id, event_type, entry';

/**
 * One COPY … FROM STDIN (binary) in its own (autocommit, so durable) transaction; with the leaf
 * hashes (hashed beforehand, not timed) when the table is ledger_leaves, which holds them.
 */
async function copyRows(pool: Pool, table: string, rows: readonly LeafInput[], from: number, hashes?: Buffer[]): Promise<void> {
  const client: PoolClient = await pool.connect();
  try {
    await pipeline(
      // The same encoder as the ledger's own COPY: the baseline pays for no slower client.
      Readable.from([leavesCopy(rows, from, hashes)]),
      client.query(copyFrom(`COPY ${table} (${LEAF_COLUMNS}${hashes ? ', leaf_hash' : ''}) FROM STDIN (FORMAT binary)`)),
    );
  } finally {
    client.release();
  }
}

/**
 * 1. Durable appends through LedgerLog vs a raw binary COPY (pg-copy-streams) of the same rows,
 * in the same batches, each committed: into a bare table (no index, no trigger: what Postgres
 * can take at best), and into a copy of ledger_leaves with its indexes (what the rows alone
 * cost, without the tree, the de-duplication and the sequence tracking). The three alternate
 * batch by batch, so load from other processes on the machine hits all alike.
 */
async function appendThroughput(total: number, batch: number): Promise<{ pool: Pool; perSecond: number }> {
  const leaves = Array.from({ length: total }, (_, i) => leafOf(envelope('custody', i + 1)));
  const raw = await freshDb('bench-raw');
  await asAdmin(raw.adminUrl, async (admin) => {
    await admin.query(`CREATE TABLE raw_leaves (leaf_index bigint, event_id uuid, service text, service_sequence bigint,
    aggregate_id text, event_type text, entry bytea, appended_at timestamptz DEFAULT now())`);
    await admin.query(`GRANT INSERT ON raw_leaves TO ${(await testDatabaseRoles()).runtime.name}`);
  });
  // ledger_leaves itself, in a database of its own: same columns, keys and indexes.
  const indexed = await freshDb('bench-raw-indexed');
  const ours = await freshDb('bench-appends');
  const log = new LedgerLog(ours.pool);
  let rawS = 0;
  let indexedS = 0;
  let oursS = 0;
  for (let from = 0; from < total; from += batch) {
    const rows = leaves.slice(from, from + batch);
    const hashes = rows.map((l) => leafHash(l.entry));
    let t0 = process.hrtime.bigint();
    await copyRows(raw.pool, 'raw_leaves', rows, from);
    rawS += seconds(t0);
    t0 = process.hrtime.bigint();
    await copyRows(indexed.pool, 'ledger_leaves', rows, from, hashes);
    indexedS += seconds(t0);
    t0 = process.hrtime.bigint();
    await log.append(rows);
    oursS += seconds(t0);
  }
  const [rate, rawRate, indexedRate] = [total / oursS, total / rawS, total / indexedS];

  const single = leaves.slice(0, 1000).map((l) => ({ ...l, eventId: randomUUID(), sequence: l.sequence + total }));
  let singleRawS = 0;
  let singleS = 0;
  for (const [k, leaf] of single.entries()) {
    let t0 = process.hrtime.bigint();
    await raw.pool.query(`INSERT INTO raw_leaves (${LEAF_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      total + k,
      leaf.eventId,
      leaf.service,
      leaf.sequence,
      leaf.aggregateId,
      leaf.type,
      leaf.entry,
    ]);
    singleRawS += seconds(t0);
    t0 = process.hrtime.bigint();
    await log.append([leaf]);
    singleS += seconds(t0);
  }
  await Promise.all([raw.pool.end(), indexed.pool.end()]);
  const [singleRate, singleRawRate] = [single.length / singleS, single.length / singleRawS];
  line(
    `durable appends/s, LedgerLog, batches of ${batch}`,
    `${fmt(rate)} /s`,
    `${fmt(rate / rawRate, 2)}× raw COPY into a bare table (${fmt(rawRate)} /s); ${fmt(rate / indexedRate, 2)}× COPY into ledger_leaves with its indexes (${fmt(indexedRate)} /s)`,
    goal('≥ 0.6× raw COPY (issue 22)', rate / rawRate >= 0.6),
  );
  line(
    'durable appends/s, LedgerLog, one event per transaction',
    `${fmt(singleRate)} /s`,
    `${fmt(singleRate / singleRawRate, 2)}× raw one-row INSERT (${fmt(singleRawRate)} /s)`,
  );
  return { pool: ours.pool, perSecond: rate };
}

/** A bus client as the ledger's: short consumer-group timeouts, batches of 8 partitions side by side. */
function benchTransport(brokers: string[], clientId: string): KafkaTransport {
  return new KafkaTransport({
    brokers,
    clientId,
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 500,
    partitionsConsumedConcurrently: 8,
  });
}

/** 1b. The same path fed by Kafka: pre-produced topics drained by the ingest (group commit). */
async function ingestThroughput(brokers: string[], perService: number, batchedRate: number): Promise<void> {
  const prefix = uniqueTopicPrefix('bench-ingest');
  const services = ['requests', 'approvals', 'custody'];
  const transport = benchTransport(brokers, 'bench-ingest');
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
  minGapMs: number,
  ratePerSecond: number,
  durationS: number,
): Promise<void> {
  const prefix = uniqueTopicPrefix('bench-latency');
  const transport = benchTransport(brokers, 'bench-latency');
  const sources = await Promise.all(
    ['requests', 'custody'].map(async (service) =>
      sourceServiceOn(await freshDb(`bench-src-${service}`), service, transport, prefix, 200),
    ),
  );
  const { pool } = await freshDb('bench-latency');
  const log = new LedgerLog(pool);
  const metrics = new LedgerMetrics();
  const bucket = await createTestBucket('bench-checkpoints', { objectLock: true });
  const s3 = new S3CheckpointArchive({ client: testS3Client(), bucket, retentionDays: 1 });
  const putMs: number[] = [];
  const checkpointer = new Checkpointer({
    pool,
    log,
    store: new CheckpointStore(pool),
    archive: {
      assertWriteOnce: () => s3.assertWriteOnce(),
      keyOf: (size) => s3.keyOf(size),
      put: async (size, note) => {
        const t0 = process.hrtime.bigint();
        const archived = await s3.put(size, note);
        putMs.push(ms(t0));
        return archived;
      },
    },
    signer,
    origin: ORIGIN,
    intervalMs,
    everyEntries: 1000,
    minGapMs,
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
  const leafP99 = percentile(toLeaf, 99);
  line(
    'event → durable ledger leaf p99',
    `${fmt(leafP99)} ms`,
    `p50 ${fmt(percentile(toLeaf, 50))} ms (source append → relay → Kafka → ingest)`,
  );
  line(
    `event → signed, archived checkpoint p99 (${fmt(latencies.length)} events, ${ratePerSecond}/s)`,
    `${fmt(p99)} ms`,
    `${fmt(p99 / leafP99, 2)}× the leaf p99 above; p50 ${fmt(percentile(latencies, 50))} ms; ${checkpoints} checkpoints (≥ ${minGapMs} ms apart, at least every ${intervalMs} ms); archive put p50 ${fmt(
      percentile(
        putMs.sort((a, b) => a - b),
        50,
      ),
    )} ms, p99 ${fmt(percentile(putMs, 99))} ms`,
    goal('< 1,000 ms', p99 < 1000),
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

/**
 * Fills the log for `size` synthetic leaves in SQL: every level in a scratch table, each from
 * the one below, then the levels the log stores (multiples of STORED_LEVEL_STEP): level 0 as
 * leaves holding their hashes (entry i is i as 8 bytes; the leaves' other indexes dropped, which
 * proofs do not read), the others as ledger_nodes.
 */
async function buildTree(adminUrl: string, size: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  await asAdmin(adminUrl, async (admin) => {
    await admin.query('ALTER TABLE ledger_nodes SET UNLOGGED');
    await admin.query('ALTER TABLE ledger_leaves SET UNLOGGED');
    await admin.query(`ALTER TABLE ledger_leaves DROP CONSTRAINT ledger_leaves_event_id_key;
      DROP INDEX ledger_leaves_aggregate, ledger_leaves_service_sequence_unique`);
    await admin.query(
      'CREATE UNLOGGED TABLE bench_nodes (level smallint, node_index bigint, hash bytea, PRIMARY KEY (level, node_index))',
    );
    await admin.query(
      `INSERT INTO bench_nodes (level, node_index, hash)
      SELECT 0, i, sha256('\\x00'::bytea || int8send(i)) FROM generate_series(0, $1::bigint - 1) AS i`,
      [size],
    );
    for (let level = 1; 2 ** level <= size; level++) {
      await admin.query(
        `INSERT INTO bench_nodes (level, node_index, hash)
         SELECT $1, idx / 2, sha256('\\x01'::bytea || hash || next)
           FROM (SELECT node_index AS idx, hash, lead(hash) OVER (ORDER BY node_index) AS next
                   FROM bench_nodes WHERE level = $1 - 1) s
          WHERE idx % 2 = 0 AND next IS NOT NULL`,
        [level],
      );
    }
    await admin.query(
      `INSERT INTO ledger_leaves (leaf_index, event_id, service, service_sequence, aggregate_id, event_type, entry, leaf_hash)
       SELECT node_index, md5(node_index::text)::uuid, 'bench', node_index + 1, 'bench', 'bench', int8send(node_index), hash
         FROM bench_nodes WHERE level = 0 ORDER BY node_index`,
    );
    await admin.query(
      `INSERT INTO ledger_nodes (level, node_index, hash)
       SELECT level, node_index, hash FROM bench_nodes WHERE level > 0 AND level % ${STORED_LEVEL_STEP} = 0 ORDER BY level, node_index`,
    );
    await admin.query('DROP TABLE bench_nodes');
    await admin.query('ANALYZE ledger_leaves, ledger_nodes');
  });
  return seconds(t0);
}

/**
 * 3. Inclusion and consistency proofs at a large size: one query of O(log n) stored ranges
 * each, through the log's bounded proof cache, after a warm-up; against one primary-key read.
 */
async function proofTimes(size: number): Promise<void> {
  const { pool, adminUrl } = await freshDb(`bench-proofs-${size}`, 4);
  const built = await buildTree(adminUrl, size);
  const log = new LedgerLog(pool);
  const root = await log.root(size);
  const [warmUp, samples] = [500, 2000];
  const random = () => Math.floor(Math.random() * size);
  const inclusion: number[] = [];
  const consistency: number[] = [];
  const lookup: number[] = [];
  let reads = 0;
  for (let k = 0; k < warmUp + samples; k++) {
    const index = random();
    let t0 = process.hrtime.bigint();
    const [proof] = await log.inclusionProofs([index], size);
    const inclusionMs = ms(t0);
    const plan = inclusionProofPlan(index, size);
    reads += plan.ok ? plan.value.nodes.length : 0;
    const entry = Buffer.alloc(8);
    entry.writeBigInt64BE(BigInt(index));
    if (k % 10 === 0 && !verifyInclusion(leafHash(entry), index, size, proof, root))
      throw new Error(`inclusion proof of ${index} in ${size} does not verify`);

    const m = 1 + Math.floor(Math.random() * (size - 1));
    t0 = process.hrtime.bigint();
    const cproof = await log.consistencyProof(m, size);
    const consistencyMs = ms(t0);
    if (k < 20 && !verifyConsistency(m, size, await log.root(m), root, cproof))
      throw new Error(`consistency ${m}→${size} fails`);

    t0 = process.hrtime.bigint();
    await pool.query({
      name: 'bench-pk',
      text: 'SELECT leaf_hash FROM ledger_leaves WHERE leaf_index = $1',
      values: [index],
    });
    const lookupMs = ms(t0);
    if (k < warmUp) continue;
    inclusion.push(inclusionMs);
    consistency.push(consistencyMs);
    lookup.push(lookupMs);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const [pk50, pk99] = [percentile(sorted(lookup), 50), percentile(sorted(lookup), 99)];
  line(`tree of ${fmt(size)} leaves built in SQL`, `${fmt(built, 1)} s`, `${fmt(size / built)} leaves/s`);
  for (const [what, times] of [
    [`inclusion proof at ${fmt(size)} (${fmt(reads / (warmUp + samples), 1)} proof nodes)`, inclusion],
    [`consistency proof at ${fmt(size)}`, consistency],
  ] as const) {
    const [p50, p99] = [percentile(sorted(times), 50), percentile(sorted(times), 99)];
    line(
      `${what}, p99 of ${samples}`,
      `${fmt(p99, 2)} ms`,
      `${fmt(p99 / pk99, 2)}× a primary-key read's p99 (${fmt(pk99, 2)} ms); p50 ${fmt(p50, 2)} ms = ${fmt(p50 / pk50, 2)}× its p50 (${fmt(pk50, 2)} ms); mean ${fmt(mean(times), 2)} ms`,
      goal('< 1 ms (p99)', p99 < 1),
    );
  }
  await pool.end();
  await asAdmin(adminUrl, (admin) => admin.query('DROP TABLE ledger_nodes, ledger_leaves'));
}

/** 4. The offline verifier on a real export vs bare SHA-256 over the same entry bytes. */
async function verifierThroughput(pool: Pool): Promise<void> {
  const log = new LedgerLog(pool);
  const checkpointer = new Checkpointer({
    pool,
    log,
    store: new CheckpointStore(pool),
    archive: {
      assertWriteOnce: async () => undefined,
      keyOf: (s) => `${s}`,
      put: async (s) => ({ key: `${s}`, versionId: null }),
    },
    signer,
    origin: ORIGIN,
    intervalMs: 60_000,
    everyEntries: 1e9,
    metrics: new LedgerMetrics(),
  });
  await checkpointer.checkpointNow();
  const identity: LedgerQueries['identity'] = { origin: ORIGIN, publicKey: keys.verifierKey };
  // The export as custos-verify gets it: a file, written chunk by chunk.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ledger-')), 'export.json');
  let t0 = process.hrtime.bigint();
  const out = fs.openSync(file, 'w');
  for await (const chunk of ledgerExportChunks(pool, identity)) fs.writeSync(out, chunk);
  fs.closeSync(out);
  const exportS = seconds(t0);
  const fileBytes = fs.statSync(file).size;
  const text = fs.readFileSync(file, 'utf8');
  const json = JSON.parse(text);
  const entries = (json.entries as string[]).map((e) => Buffer.from(e, 'base64'));
  const bytes = entries.reduce((n, e) => n + e.length, 0);
  // The minimal hashing a verifier must do (issue 22): a leaf hash of 0x00 ‖ entry and about one node hash per entry.
  const leafInputs = entries.map((e) => Buffer.concat([Buffer.of(0), e]));
  const node = Buffer.alloc(65, 1);
  const mb = bytes / 1e6;

  // Best of three for each, interleaved: the machine is shared.
  let [rawS, verifyS, streamS] = [Infinity, Infinity, Infinity];
  for (let round = 0; round < 3; round++) {
    t0 = process.hrtime.bigint();
    for (const input of leafInputs) {
      crypto.hash('sha256', input, 'binary');
      crypto.hash('sha256', node, 'binary');
    }
    rawS = Math.min(rawS, seconds(t0));

    t0 = process.hrtime.bigint();
    const result = verifyLedgerExport(json, { trustedPublicKey: keys.verifierKey });
    verifyS = Math.min(verifyS, seconds(t0));
    if (!result.ok) throw new Error(`the export does not verify: ${result.error.message}`);

    t0 = process.hrtime.bigint();
    const source = fileOf(file);
    const index = indexLedgerExport(source);
    const streamed = index && verifyIndexedExport(source, index, { trustedPublicKey: keys.verifierKey });
    streamS = Math.min(streamS, seconds(t0));
    source.close();
    if (!streamed?.ok) throw new Error('the export file does not verify');
  }
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  line(
    `ledger export (${fmt(entries.length)} entries, ${fmt(fileBytes / 1e6, 1)} MB JSON)`,
    `${fmt(entries.length / exportS)} entries/s`,
    `${fmt(fileBytes / 1e6 / exportS, 1)} MB/s`,
  );
  const raw = `the minimal hashing (crypto.hash of leaf + node per entry): ${fmt(entries.length / rawS)} entries/s, ${fmt(mb / rawS, 0)} MB/s`;
  line(
    'verifier throughput, verifyLedgerExport (parsed JSON)',
    `${fmt(entries.length / verifyS)} entries/s`,
    `${fmt(rawS / verifyS, 2)}× ${raw}`,
    goal('≥ 0.5× raw hashing', rawS / verifyS >= 0.5),
  );
  line(
    'verifier throughput, custos-verify streaming the file',
    `${fmt(entries.length / streamS)} entries/s`,
    `${fmt(rawS / streamS, 2)}× the same minimal hashing; reads ${fmt(fileBytes / 1e6 / streamS, 0)} MB/s of JSON`,
    goal('≥ 0.7× the minimal hashing, one thread (issue 22)', rawS / streamS >= 0.7),
  );
}

/** 5. C2SP tile reads from the service's cache over HTTP, against baselines of the same run. */
async function tileReads(brokers: string[], size: number): Promise<void> {
  const figures = await tileReadTimes(brokers, size);
  const [tile, bare, express, pk] = figures;
  const of = (f: { p50: number; p99: number }) => `p99 ${fmt(f.p99, 3)} ms, p50 ${fmt(f.p50, 3)} ms`;
  line(
    'tile read p99 (cached), HTTP',
    `${fmt(tile.p99, 3)} ms`,
    `${fmt(tile.p99 / bare.p99, 2)}× a raw in-memory Buffer from a bare Node HTTP server (${of(bare)}); ` +
      `${fmt(tile.p99 / express.p99, 2)}× the same Buffer from an Express route on the service's server (${of(express)}); ` +
      `${fmt(tile.p99 / pk.p99, 2)}× one primary-key row from Postgres (${of(pk)}); ` +
      `p50 ${fmt(tile.p50, 3)} ms = ${fmt(tile.p50 / bare.p50, 2)}× the bare server's p50`,
    goal('< 1 ms (p99)', tile.p99 < 1),
  );
  for (const f of figures.slice(4)) line(f.what, `${fmt(f.p99, 3)} ms`, `p50 ${fmt(f.p50, 3)} ms; ${fmt(f.p99 / bare.p99, 2)}× the bare server's p99`);
}

/** The export file as custos-verify reads it: positioned reads, nothing held but the window. */
function fileOf(file: string): ByteSource & { close(): void } {
  const fd = fs.openSync(file, 'r');
  return {
    size: fs.fstatSync(fd).size,
    read: (into, position) => fs.readSync(fd, into, 0, into.length, position),
    close: () => fs.closeSync(fd),
  };
}

async function settle(databaseUrl: string): Promise<void> {
  await asAdmin(databaseUrl, (admin) => admin.query('CHECKPOINT'));
}

async function main(): Promise<void> {
  const started = infraFromEnv() ? undefined : await startLocalProcesses();
  if (started) Object.assign(process.env, infraToEnv(started.infra));
  const infra = infraFromEnv();
  if (!infra) throw new Error('no servers');
  // The run's owner and runtime roles, made once before any database: made on first use, two
  // databases created side by side would each make their own and migrate as the other's owner.
  await testDatabaseRoles();
  const appends = Number(process.env.BENCH_APPENDS ?? 100_000);
  const proofSizes = (process.env.BENCH_PROOF_SIZES ?? '1000000,10000000').split(',').map(Number);
  // BENCH_ONLY=latency,appends,verifier,tiles,proofs runs some phases only (verifier needs appends).
  const only = process.env.BENCH_ONLY?.split(',');
  const runs = (phase: string) => only === undefined || only.includes(phase);
  process.stdout.write(
    `\ncustos ledger benchmark — ${infra.source}, node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores\n\n`,
  );
  try {
    // Latency first, on quiet servers; a Postgres CHECKPOINT between phases keeps one
    // phase's dirty pages from being written during the next.
    if (runs('latency')) await checkpointLatency(infra.kafkaBrokers, 5000, 200, 200, 15);
    await settle(infra.databaseUrl);
    if (runs('appends') || runs('verifier')) {
      const { pool, perSecond } = await appendThroughput(appends, 500);
      await settle(infra.databaseUrl);
      if (runs('appends')) await ingestThroughput(infra.kafkaBrokers, 10_000, perSecond);
      if (runs('verifier')) await verifierThroughput(pool);
      await pool.end();
    }
    if (runs('tiles')) await tileReads(infra.kafkaBrokers, Number(process.env.BENCH_TILE_SIZE ?? 100_000));
    for (const size of runs('proofs') ? proofSizes : []) {
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
