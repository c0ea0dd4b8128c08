import { INestApplication } from '@nestjs/common';
import { aPrincipal, TestIssuer } from '@custos/auth';
import {
  canonicalBytes,
  eventTopic,
  LEDGER_SEQUENCE_GAP_CLOSED,
  LEDGER_SEQUENCE_GAP_DETECTED,
  PendingEvent,
  sequenceGapsAggregateId,
} from '@custos/contracts';
import { EventStore, KafkaTransport } from '@custos/eventstore';
import {
  leafHash,
  openCheckpoint,
  parseVerifierKey,
  verifyConsistency,
  verifyEvidenceBundle,
  verifyInclusion,
  verifyLedgerExport,
} from '@custos/ledger-core';
import { uniqueTopicPrefix, waitFor } from '@custos/testing';
import { Pool } from 'pg';
import { Registry } from 'prom-client';
import request from 'supertest';
import { LedgerTestApp, startLedgerTestApp } from '../test/ledger-app';
import { envelope, freshLedgerDb, ledgerKeys, ORIGIN, SourceService, sourceServiceOn } from '../test/support';
import { LedgerIngest } from './consumers/ledger-ingest';
import { LedgerLog } from './database/ledger-log';
import { LEDGER_EVENT_STORE } from './ledger.tokens';
import { LedgerMetrics } from './ledger.metrics';
import { GapMonitor } from './commands/detect-sequence-gaps/gap-monitor';

const keys = ledgerKeys();
const verifier = (() => {
  const v = parseVerifierKey(keys.verifierKey);
  if (!v.ok) throw new Error(v.error.message);
  return v.value;
})();

function event(type: string, n: number): PendingEvent {
  return {
    type,
    schemaVersion: 1,
    payload: { n },
    actor: { subject: 'officer-1', roles: ['OFFICER'] },
    correlationId: `corr-${n}`,
  };
}

/** A service's own event store and relay, on a database of its own. */
async function sourceService(service: string, prefix: string, transport: KafkaTransport): Promise<SourceService> {
  return sourceServiceOn(await freshLedgerDb(`source-${service}`), service, transport, prefix);
}

describe('the ledger service over Kafka, Postgres and S3', () => {
  const prefix = uniqueTopicPrefix('ledger-e2e');
  const registry = new Registry();
  let ledger: LedgerTestApp;
  let transport: KafkaTransport;
  let issuer: TestIssuer;
  let app: INestApplication;
  let pool: Pool;
  let oversight: string;
  let officer: string;
  let sources: SourceService[];

  const get = (path: string, token = oversight) =>
    request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);
  const treeSize = async () =>
    Number((await pool.query('SELECT count(*) FROM ledger_leaves')).rows[0].count);
  const latestSigned = async () => (await get('/v1/ledger/checkpoints/latest')).body.treeSize as number | undefined;

  beforeAll(async () => {
    ledger = await startLedgerTestApp('ledger-e2e', {
      topicPrefix: prefix,
      services: ['requests', 'custody', 'ledger'],
      signerKey: keys.signerKey,
      checkpointIntervalMs: 300,
      checkpointEveryEntries: 50,
      gapGraceMs: 1500,
      metricsRegistry: registry,
    });
    ({ app, transport, issuer, pool } = ledger);
    sources = [await sourceService('requests', prefix, transport), await sourceService('custody', prefix, transport)];
    // Provincial oversight (Shaanxi): the whole log is its to read (R5.1; ledger-access.e2e-spec.ts scopes the rest).
    oversight = await issuer.tokenFor(aPrincipal({ roles: ['OVERSIGHT'], divisionCode: '610000' }));
    officer = await issuer.tokenFor(aPrincipal({ roles: ['OFFICER'] }));
  });

  afterAll(async () => {
    await ledger?.close();
    await Promise.all((sources ?? []).map((s) => s.pool.end()));
  });

  it('appends every event of every watched service once, signs it, and serves proofs that verify', async () => {
    const [requests, custody] = sources;
    for (let v = 0; v < 4; v++) {
      await requests.store.append(
        [1, 2, 3].map((r) => ({
          aggregateId: `request-${r}`,
          expectedVersion: v,
          events: [event('requests.RequestFiled', v)],
        })),
      );
    }
    for (let v = 0; v < 5; v++) {
      await custody.store.append(
        [1, 2].map((e) => ({
          aggregateId: `evidence-${e}`,
          expectedVersion: v,
          events: [event('custody.EvidenceHandedOver', v)],
        })),
      );
    }
    await Promise.all(sources.map((s) => s.relay.drain()));
    await waitFor(
      '22 leaves, signed',
      async () => ((await treeSize()) === 22 && (await latestSigned()) === 22 ? true : undefined),
      60_000,
      100,
    );

    const latest = await get('/v1/ledger/checkpoints/latest').expect(200);
    const checkpoint = openCheckpoint(latest.body.checkpoint, verifier, ORIGIN);
    expect(checkpoint).toMatchObject({ ok: true, value: { size: 22 } });
    const root = checkpoint.ok ? checkpoint.value.rootHash : Buffer.alloc(0);
    expect(latest.body.archivedAs.key).toBe('checkpoints/0000000000000022.checkpoint');
    // Hash-only data is open to any caller; the entries are not.
    await get('/v1/ledger/checkpoints/latest', officer).expect(200);
    await get('/v1/ledger/entries?limit=1', officer).expect(403);

    const history = await get('/v1/ledger/aggregates/request-2/history').expect(200);
    expect(history.body.items.map((i: { event: { aggregateVersion: number } }) => i.event.aggregateVersion)).toEqual([
      1, 2, 3, 4,
    ]);
    for (const item of history.body.items) {
      const proof = item.inclusionProof.map((p: string) => Buffer.from(p, 'base64'));
      expect(verifyInclusion(leafHash(Buffer.from(item.entry, 'base64')), item.leafIndex, 22, proof, root)).toBe(true);
    }

    const bundle = await get('/v1/ledger/aggregates/evidence-1/evidence-bundle').expect(200);
    expect(bundle.headers['content-disposition']).toContain('evidence-bundle-evidence-1.json');
    expect(verifyEvidenceBundle(bundle.body, { trustedPublicKey: keys.verifierKey })).toMatchObject({
      ok: true,
      value: { treeSize: 22, leafIndices: expect.arrayContaining([expect.any(Number)]) },
    });
    expect(bundle.body.items).toHaveLength(5);

    const eventId = history.body.items[0].eventId;
    const byId = await get(`/v1/ledger/proofs/inclusion?eventId=${eventId}`).expect(200);
    expect(byId.body).toMatchObject({
      leafIndex: history.body.items[0].leafIndex,
      treeSize: 22,
      checkpoint: latest.body.checkpoint,
    });
    const early = await get('/v1/ledger/proofs/inclusion?leafIndex=3&treeSize=7').expect(200);
    const log = app.get(LedgerLog);
    const [root7, leaf3] = [await log.root(7), (await log.leaves(3, 4))[0].leafHash];
    expect(
      verifyInclusion(
        leaf3,
        3,
        7,
        early.body.inclusionProof.map((p: string) => Buffer.from(p, 'base64')),
        root7,
      ),
    ).toBe(true);
    const consistency = await get('/v1/ledger/proofs/consistency?from=7&to=22').expect(200);
    const proof = consistency.body.consistencyProof.map((p: string) => Buffer.from(p, 'base64'));
    expect(verifyConsistency(7, 22, root7, root, proof)).toBe(true);

    // Paged by cursor like every list (issue 15): after the first 20, the last 2, and no further page.
    const first20 = (await get('/v1/ledger/entries?limit=20').expect(200)).body;
    expect([first20.items.length, first20.items[19].leafIndex]).toEqual([20, 19]);
    const rest = (await get(`/v1/ledger/entries?limit=10&cursor=${first20.nextCursor}`).expect(200)).body;
    expect([rest.items.map((e: { leafIndex: number }) => e.leafIndex), rest.nextCursor]).toEqual([[20, 21], null]);
    expect((await get('/v1/ledger/proofs/inclusion?leafIndex=1&eventId=' + eventId).expect(400)).body.code).toBe(
      'CUSTOS_LEDGER_TARGET_REQUIRED',
    );
    expect((await get('/v1/ledger/aggregates/nobody/history').expect(404)).body.code).toBe(
      'CUSTOS_LEDGER_AGGREGATE_NOT_FOUND',
    );

    const exported = await get('/v1/ledger/export').expect(200);
    expect(exported.headers['content-disposition']).toContain('attachment');
    expect(verifyLedgerExport(JSON.parse(exported.text), { trustedPublicKey: keys.verifierKey })).toMatchObject({
      ok: true,
      value: { entries: 22, signedSize: 22 },
    });
  });

  it('leaves the tree unchanged when every topic is delivered again from offset 0', async () => {
    const log = app.get(LedgerLog);
    const size = await log.size();
    const root = await log.root(size);
    const metrics = new LedgerMetrics();
    const replay = new LedgerIngest({
      log,
      transport,
      groupId: `replay-${prefix}`,
      services: ['requests', 'custody', 'ledger'],
      topicPrefix: prefix,
      maxBatch: 500,
      metrics,
    });
    await replay.start();
    try {
      await waitFor(
        'every message again',
        async () => ((await metrics.duplicates.get()).values[0].value >= size ? true : undefined),
        60_000,
        100,
      );
    } finally {
      await replay.stop();
    }
    expect((await metrics.appended.get()).values[0].value).toBe(0);
    expect(await log.size()).toBe(size);
    expect(await log.root(size)).toEqual(root);
    const { rows } = await pool.query('SELECT count(*) AS n, count(DISTINCT event_id) AS d FROM ledger_leaves');
    expect(rows[0]).toEqual({ n: String(size), d: String(size) });
  });

  it('raises a gap alarm for a withheld custody sequence number and clears it when it arrives', async () => {
    const topic = eventTopic('custody', prefix);
    const publish = (sequence: number) => {
      const e = envelope('custody', sequence, `evidence-${sequence}`);
      return transport.publish([{ topic, key: e.aggregateId, eventId: e.id, value: canonicalBytes(e) }]);
    };
    const gaps = app.get(GapMonitor);
    const events = app.get<EventStore>(LEDGER_EVENT_STORE);
    const stream = () => events.readStream(sequenceGapsAggregateId('custody'));
    const gauge = async () =>
      /custos_ledger_sequence_gaps\{source_service="custody"\} (\d+)/.exec(
        await registry.getSingleMetricAsString('custos_ledger_sequence_gaps'),
      )?.[1];

    await publish(11);
    await publish(13);
    await waitFor(
      'the hole to be seen',
      async () =>
        (await gaps.checkNow()).services.find((s) => s.service === 'custody')?.missing.length ? true : undefined,
      30_000,
      100,
    );
    expect(gaps.gapStatus().lines).toEqual([expect.stringMatching(/^custody: sequence 12 missing for \d+ s/)]);

    const [detected] = await waitFor(
      'the alarm',
      async () => ((await stream()).length > 0 ? stream() : undefined),
      30_000,
      200,
    );
    expect(detected).toMatchObject({
      type: LEDGER_SEQUENCE_GAP_DETECTED,
      service: 'ledger',
      payload: { sourceService: 'custody', fromSequence: 12, toSequence: 12, highestSeen: 13, graceMs: 1500 },
    });
    expect(await gauge()).toBe('1');
    const status = await get('/v1/ledger/gaps').expect(200);
    expect(status.body).toMatchObject({
      contiguous: false,
      openAlarms: 1,
      lines: [expect.stringContaining('custody: sequence 12 missing')],
    });
    expect(status.body.lines[0]).toContain('(alarm raised)');
    // The alarm is itself an event of the ledger's, so it reaches the Merkle log like any other.
    await waitFor(
      'the alarm in the log',
      async () =>
        (await pool.query('SELECT 1 FROM ledger_leaves WHERE event_id = $1', [detected.id])).rowCount
          ? true
          : undefined,
      30_000,
      200,
    );

    await publish(12);
    const closed = await waitFor(
      'the alarm to clear',
      async () => {
        const all = await stream();
        return all.find((e) => e.type === LEDGER_SEQUENCE_GAP_CLOSED);
      },
      30_000,
      200,
    );
    expect(closed.payload).toEqual({
      sourceService: 'custody',
      fromSequence: 12,
      toSequence: 12,
      detectedEventId: detected.id,
    });
    const cleared = await gaps.checkNow();
    expect(cleared).toMatchObject({ contiguous: true, openAlarms: 0, lines: ['every watched service is contiguous'] });
    expect(await gauge()).toBe('0');
  });

  it('keeps messages that are not event envelopes out of the log, with the reason', async () => {
    const topic = eventTopic('requests', prefix);
    const e = envelope('requests', 13, 'request-9');
    // The ledger's own events (its gap alarms and denials of earlier tests) may still arrive: count the requests service's.
    const requestsLeaves = async () =>
      Number((await pool.query("SELECT count(*) FROM ledger_leaves WHERE service = 'requests'")).rows[0].count);
    const before = await requestsLeaves();
    await transport.publish([
      { topic, key: 'k', eventId: 'x', value: Buffer.from('{not json') },
      { topic, key: 'k', eventId: e.id, value: Buffer.from(JSON.stringify(e, null, 2)) },
      { topic, key: 'k', eventId: e.id, value: canonicalBytes({ ...e, service: 'custody' }) },
    ]);
    const { rows } = await waitFor(
      'three rejections',
      async () => {
        const r = await pool.query('SELECT reason FROM ledger_rejected ORDER BY id');
        return r.rowCount === 3 ? r : undefined;
      },
      30_000,
      200,
    );
    expect(rows.map((r) => r.reason)).toEqual([
      'not JSON',
      'not the RFC 8785 canonical form of the envelope',
      'an event of service custody on the topic of requests',
    ]);
    expect(await requestsLeaves()).toBe(before);
    expect((await pool.query('SELECT 1 FROM ledger_leaves WHERE event_id = $1', [e.id])).rowCount).toBe(0);
  });
});
