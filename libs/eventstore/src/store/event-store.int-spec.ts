import { spawn } from 'node:child_process';
import path from 'node:path';
import { waitFor } from '@custos/testing';
import { Pool } from 'pg';
import { changed, freshEventStoreDb, testActor, testRegistry } from '../../test/support';
import { canonicalJson } from '@custos/contracts';
import { EventStoreError } from '../errors';
import { EventStore } from './event-store';
import { inTransaction } from './sql';

describe('EventStore on Postgres', () => {
  let pool: Pool;
  let store: EventStore;

  beforeAll(async () => {
    ({ pool } = await freshEventStoreDb('event-store', 30));
    store = new EventStore(pool, 'test', testRegistry());
  });
  afterAll(() => pool.end());

  it('appends with versions and a per-service sequence, and reads the stream back', async () => {
    const first = await store.append({ aggregateId: 'a-1', expectedVersion: 0, events: [changed(1), changed(2)] });
    expect(first.map((e) => [e.aggregateVersion, e.service])).toEqual([
      [1, 'test'],
      [2, 'test'],
    ]);
    expect(first[1].sequence).toBe(first[0].sequence + 1);
    const stream = await store.readStream('a-1');
    expect(stream.map((e) => e.payload)).toEqual([{ by: 1 }, { by: 2 }]);
    expect(stream[0]).toEqual(first[0]);
  });

  it('lets exactly one of many concurrent appends at the same expected version win', async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => store.append({ aggregateId: 'race-1', expectedVersion: 0, events: [changed(i)] })),
    );
    const won = attempts.filter((a) => a.status === 'fulfilled');
    const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(11);
    for (const l of lost) {
      expect(l.reason).toBeInstanceOf(EventStoreError);
      expect(l.reason.code).toBe('CUSTOS_ES_CONCURRENCY_CONFLICT');
    }
    expect(await store.readStream('race-1')).toHaveLength(1);
  });

  it('refuses an event whose payload breaks its schema, and stores nothing of the batch', async () => {
    const head = await store.headSequence();
    const bad = { ...changed(1), payload: { by: 'lots' } };
    await expect(
      store.append({ aggregateId: 'bad-1', expectedVersion: 0, events: [changed(1), bad] }),
    ).rejects.toMatchObject({ code: 'CUSTOS_ES_INVALID_EVENT' });
    expect(await store.readStream('bad-1')).toEqual([]);
    expect(await store.headSequence()).toBe(head);
  });

  it('rolls the sequence back with a conflicting append, leaving no hole', async () => {
    await store.append({ aggregateId: 'hole-1', expectedVersion: 0, events: [changed(1)] });
    const head = await store.headSequence();
    await expect(
      store.append([
        { aggregateId: 'hole-2', expectedVersion: 0, events: [changed(1)] },
        { aggregateId: 'hole-1', expectedVersion: 0, events: [changed(1)] },
      ]),
    ).rejects.toMatchObject({ code: 'CUSTOS_ES_CONCURRENCY_CONFLICT' });
    expect(await store.headSequence()).toBe(head);
    const next = await store.append({ aggregateId: 'hole-2', expectedVersion: 0, events: [changed(1)] });
    expect(next[0].sequence).toBe(head + 1);
  });

  it('fails only the conflicting append of a group commit; the others of its transaction are stored', async () => {
    await store.append({ aggregateId: 'group-old', expectedVersion: 0, events: [changed(1)] });
    const head = await store.headSequence();
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 6 }, (_, i) => store.append({ aggregateId: `group-${i}`, expectedVersion: 0, events: [changed(i), changed(i)] })),
      store.append({ aggregateId: 'group-old', expectedVersion: 0, events: [changed(9)] }),
      store.append({ aggregateId: 'group-old', expectedVersion: 1, events: [changed(2)] }),
      store.append({ aggregateId: 'group-gap', expectedVersion: 3, events: [changed(3)] }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([...Array(6).fill('fulfilled'), 'rejected', 'fulfilled', 'rejected']);
    expect((outcomes[6] as PromiseRejectedResult).reason).toMatchObject({ code: 'CUSTOS_ES_CONCURRENCY_CONFLICT' });
    expect((outcomes[8] as PromiseRejectedResult).reason).toMatchObject({ code: 'CUSTOS_ES_CONCURRENCY_CONFLICT' });
    expect(await store.readStream('group-gap')).toEqual([]);
    expect((await store.readStream('group-old')).map((e) => e.payload)).toEqual([{ by: 1 }, { by: 2 }]);
    // Gapless: exactly the 13 stored events moved the counter.
    const stored = await store.readFrom(head, 100);
    expect(stored.map((e) => e.sequence)).toEqual(Array.from({ length: 13 }, (_, i) => head + 1 + i));
    expect(await store.headSequence()).toBe(head + 13);
  });

  it('stores each envelope as its canonical text, byte for byte, with the sequence the database allocated', async () => {
    const [a, b] = await Promise.all([
      store.append({ aggregateId: 'text-1', expectedVersion: 0, events: [{ ...changed(1), trace: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } }] }),
      store.append({ aggregateId: 'text-2', expectedVersion: 0, events: [{ ...changed(2), causationId: 'cause-1' }] }),
    ]);
    const { rows } = await pool.query('SELECT sequence, envelope::text AS text FROM es_events WHERE aggregate_id = ANY($1) ORDER BY sequence', [['text-1', 'text-2']]);
    expect(rows.map((r) => r.text)).toEqual([canonicalJson(a[0]), canonicalJson(b[0])]);
    expect(rows.map((r) => Number(r.sequence))).toEqual([a[0].sequence, b[0].sequence]);
  });

  it('in a caller\'s transaction, tells a stale or skipping version as the coded conflict with the actual version, and the transaction stores nothing', async () => {
    await store.append({ aggregateId: 'tx-1', expectedVersion: 0, events: [changed(1), changed(2)] });
    const head = await store.headSequence();
    for (const expectedVersion of [1, 3]) {
      const attempt = inTransaction(pool, async (tx) => {
        await store.append({ aggregateId: `tx-other-${expectedVersion}`, expectedVersion: 0, events: [changed(1)] }, tx);
        return store.append({ aggregateId: 'tx-1', expectedVersion, events: [changed(3)] }, tx);
      });
      await expect(attempt).rejects.toMatchObject({ code: 'CUSTOS_ES_CONCURRENCY_CONFLICT', details: { aggregateId: 'tx-1', expected: expectedVersion, actual: 2 } });
    }
    expect(await store.headSequence()).toBe(head);
    // Two appends in one transaction, the second on the stream the first wrote: both stored, in order.
    const stored = await inTransaction(pool, async (tx) => [
      ...(await store.append({ aggregateId: 'tx-2', expectedVersion: 0, events: [changed(1)] }, tx)),
      ...(await store.append({ aggregateId: 'tx-2', expectedVersion: 1, events: [changed(2)] }, tx)),
    ]);
    expect(stored.map((e) => [e.sequence, e.aggregateVersion])).toEqual([
      [head + 1, 1],
      [head + 2, 2],
    ]);
    expect((await store.readStream('tx-2')).map((e) => e.payload)).toEqual([{ by: 1 }, { by: 2 }]);
  });

  describe('a command\'s appends left for its commit ({ atCommit: true })', () => {
    const atCommit = { atCommit: true };

    it('holds the sequence lock for none of the command\'s work: another append commits while the command still writes', async () => {
      const other = await inTransaction(
        pool,
        async (tx) => {
          await store.append({ aggregateId: 'late-1', expectedVersion: 0, events: [changed(1)] }, tx);
          await tx.query('SELECT 1');
          // Appending under the lock from here on would wait for this very transaction.
          return store.append({ aggregateId: 'late-2', expectedVersion: 0, events: [changed(2)] });
        },
        atCommit,
      );
      const [own] = await store.readStream('late-1');
      expect(own.sequence).toBe(other[0].sequence + 1);
    });

    it('hands back the envelopes as stored, with the sequences allocated at the commit, and its text byte for byte with quotes and backslashes', async () => {
      const name = `O'Brien \\ "quoted" \\'; DROP TABLE es_events; -- 監視 😀`;
      const head = await store.headSequence();
      const stored = await inTransaction(
        pool,
        async (tx) => [
          ...(await store.append({ aggregateId: 'commit-1', expectedVersion: 0, events: [changed(1), { ...changed(2), type: 'test.CounterRenamed', schemaVersion: 1, payload: { name } }] }, tx)),
          ...(await store.append({ aggregateId: 'commit-1', expectedVersion: 2, events: [changed(3)] }, tx)),
        ],
        atCommit,
      );
      expect(stored.map((e) => [e.sequence, e.aggregateVersion])).toEqual([
        [head + 1, 1],
        [head + 2, 2],
        [head + 3, 3],
      ]);
      const { rows } = await pool.query('SELECT envelope::text AS text FROM es_events WHERE aggregate_id = $1 ORDER BY sequence', ['commit-1']);
      expect(rows.map((r) => r.text)).toEqual(stored.map((e) => canonicalJson(e)));
      expect((await store.readStream('commit-1'))[1].payload).toEqual({ name });
    });

    it('reads its own appends within the transaction (a read of the log writes them first)', async () => {
      const seen = await inTransaction(
        pool,
        async (tx) => {
          await store.append({ aggregateId: 'read-own', expectedVersion: 0, events: [changed(1)] }, tx);
          return store.readStream('read-own', tx);
        },
        atCommit,
      );
      expect(seen.map((e) => e.aggregateVersion)).toEqual([1]);
      expect(await store.readStream('read-own')).toEqual(seen);
    });

    it('lets exactly one of concurrent commands at the same version commit; the others are the coded conflict and keep none of their writes', async () => {
      await pool.query('CREATE TABLE IF NOT EXISTS commit_effects (who int)');
      await store.append({ aggregateId: 'commit-race', expectedVersion: 0, events: [changed(1)] });
      const head = await store.headSequence();
      const attempts = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          inTransaction(
            pool,
            async (tx) => {
              await store.append({ aggregateId: 'commit-race', expectedVersion: 1, events: [changed(i)] }, tx);
              await tx.query('INSERT INTO commit_effects VALUES ($1)', [i]);
            },
            atCommit,
          ),
        ),
      );
      const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
      expect(lost).toHaveLength(7);
      for (const l of lost) expect(l.reason).toMatchObject({ code: 'CUSTOS_ES_CONCURRENCY_CONFLICT', details: { aggregateId: 'commit-race', expected: 1, actual: 2 } });
      expect((await pool.query('SELECT count(*)::int AS n FROM commit_effects')).rows[0].n).toBe(1);
      expect(await store.headSequence()).toBe(head + 1);
    });

    it('refuses a version the stream has not reached as the coded conflict, and commits none of the transaction', async () => {
      await pool.query('CREATE TABLE IF NOT EXISTS commit_effects (who int)');
      const before = (await pool.query('SELECT count(*)::int AS n FROM commit_effects')).rows[0].n;
      const head = await store.headSequence();
      const attempt = inTransaction(
        pool,
        async (tx) => {
          await store.append({ aggregateId: 'commit-ahead', expectedVersion: 2, events: [changed(1)] }, tx);
          await tx.query('INSERT INTO commit_effects VALUES (99)');
        },
        atCommit,
      );
      await expect(attempt).rejects.toMatchObject({ code: 'CUSTOS_ES_CONCURRENCY_CONFLICT', details: { aggregateId: 'commit-ahead', expected: 2, actual: 0 } });
      expect((await pool.query('SELECT count(*)::int AS n FROM commit_effects')).rows[0].n).toBe(before);
      expect(await store.headSequence()).toBe(head);
    });

    it('loses no committed event and keeps no half command when the commanding process is killed with -9', async () => {
      const { url, pool: own } = await freshEventStoreDb('command-kill', 4);
      await own.query('CREATE TABLE command_effects (aggregate_id text, version int, PRIMARY KEY (aggregate_id, version))');
      const child = spawn(process.execPath, ['-r', '@swc-node/register', 'libs/eventstore/test/command-process.ts'], {
        cwd: path.resolve(__dirname, '../../../..'),
        env: { ...process.env, DATABASE_URL: url },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      const ownStore = new EventStore(own, 'test', testRegistry());
      try {
        await waitFor('commands under way', async () => ((await ownStore.headSequence()) >= 150 ? true : undefined), 60_000, 5);
      } finally {
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
      }
      // The killed process's connections end; their open transactions roll back.
      await waitFor('its sessions gone', async () => {
        const { rows } = await own.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE '%transaction%'");
        return rows[0].n === 0 ? true : undefined;
      }, 30_000, 50);
      const head = await ownStore.headSequence();
      const log = await ownStore.readFrom(0, 100_000);
      expect(log.map((e) => e.sequence)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
      const effects = await own.query('SELECT aggregate_id, version FROM command_effects ORDER BY aggregate_id, version');
      const events = [...log].sort((a, b) => a.aggregateId.localeCompare(b.aggregateId) || a.aggregateVersion - b.aggregateVersion);
      expect(effects.rows.map((r) => [r.aggregate_id, r.version])).toEqual(events.map((e) => [e.aggregateId, e.aggregateVersion]));
      const [next] = await ownStore.append({ aggregateId: 'after-kill', expectedVersion: 0, events: [changed(1)] });
      expect(next.sequence).toBe(head + 1);
      await own.end();
    });

    it('puts an append that cannot wait (any version) after those that did, in sequence order', async () => {
      const [first, second] = await inTransaction(
        pool,
        async (tx) => [
          (await store.append({ aggregateId: 'commit-order', expectedVersion: 0, events: [changed(1)] }, tx))[0],
          (await store.append({ aggregateId: 'commit-order', expectedVersion: 'any', events: [changed(2)] }, tx))[0],
        ],
        atCommit,
      );
      expect([first.aggregateVersion, second.aggregateVersion]).toEqual([1, 2]);
      expect(second.sequence).toBe(first.sequence + 1);
    });
  });

  it.each([
    ['UPDATE', "UPDATE es_events SET type = 'test.Forged'"],
    ['DELETE', 'DELETE FROM es_events'],
    ['TRUNCATE', 'TRUNCATE es_events'],
  ])('refuses %s on the events table in the database itself', async (_op, sql) => {
    const before = (await pool.query('SELECT count(*)::int AS n FROM es_events')).rows[0].n;
    await expect(pool.query(sql)).rejects.toThrow(/CUSTOS_ES_APPEND_ONLY/);
    expect((await pool.query('SELECT count(*)::int AS n FROM es_events')).rows[0].n).toBe(before);
  });

  it.each([
    ['any version, one store', 'any' as const, 1],
    ['expected versions, two stores (two processes)', 'expected' as const, 2],
    ['commands appending at their commit, two stores', 'atCommit' as const, 2],
  ])('never lets a sequence reader skip an event under concurrent writers (randomized, %s)', async (_label, versions, stores) => {
    const { pool: own } = await freshEventStoreDb('sequence-readers', 20);
    const writerStores = Array.from({ length: stores }, () => new EventStore(own, 'test'));
    const s = writerStores[0];
    const writers = 8;
    const perWriter = 60;
    let writing = true;
    const seen: number[] = [];
    const reader = (async () => {
      let last = 0;
      while (writing || last < (await s.headSequence())) {
        const batch = await s.readFrom(last, 37);
        for (const e of batch) {
          // Every read continues exactly where the previous one stopped.
          expect(e.sequence).toBe(last + 1);
          last = e.sequence;
          seen.push(e.sequence);
        }
        if (batch.length === 0) await new Promise((r) => setImmediate(r));
      }
    })();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < perWriter; i++) {
          const size = 1 + Math.floor(Math.random() * 3);
          const request = {
            aggregateId: versions === 'any' ? `w${w}-${i % 5}` : `w${w}-${i}`,
            expectedVersion: versions === 'any' ? ('any' as const) : 0,
            events: Array.from({ length: size }, () => ({ ...changed(1), actor: testActor })),
          };
          const writer = writerStores[w % stores];
          if (versions !== 'atCommit') await writer.append(request);
          else await inTransaction(own, async (tx) => (await writer.append(request, tx), tx.query('SELECT pg_sleep(0.001)')), { atCommit: true });
          if (Math.random() < 0.3) await new Promise((r) => setTimeout(r, Math.random() * 3));
        }
      }),
    );
    writing = false;
    await reader;
    const head = await s.headSequence();
    expect(head).toBeGreaterThanOrEqual(writers * perWriter);
    expect(seen).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    await own.end();
  });
});
