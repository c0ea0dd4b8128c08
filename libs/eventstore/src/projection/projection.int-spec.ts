import { EventEnvelope } from '@custos/contracts';
import { Pool, PoolClient } from 'pg';
import { freshEventStoreDb, testActor } from '../../test/support';
import { EventStore } from '../store/event-store';
import { Projection, ProjectionRunner } from './projection';

/** A read model of counters: value, name, flag and how many events touched each. */
function countersProjection(table: string): Projection {
  return {
    name: `counters-${table}`,
    tables: [table],
    setup: async (tx: PoolClient) => {
      await tx.query(
        `CREATE TABLE IF NOT EXISTS ${table} (id text PRIMARY KEY, value int NOT NULL, name text, flag text, touched int NOT NULL, last_seq bigint NOT NULL)`,
      );
    },
    apply: async (e: EventEnvelope, tx: PoolClient) => {
      const p = e.payload as { by?: number; name?: string; flag?: string };
      await tx.query(
        `INSERT INTO ${table} (id, value, name, flag, touched, last_seq) VALUES ($1, coalesce($2, 0), $3, $4, 1, $5)
         ON CONFLICT (id) DO UPDATE SET value = ${table}.value + coalesce($2, 0), name = coalesce($3, ${table}.name),
           flag = coalesce($4, ${table}.flag), touched = ${table}.touched + 1, last_seq = $5`,
        [e.aggregateId, p.by ?? null, p.name ?? null, p.flag ?? null, e.sequence],
      );
    },
  };
}

function randomEvent(rand: () => number) {
  const r = rand();
  const common = { actor: testActor, correlationId: 'c' };
  if (r < 0.7) return { ...common, type: 'test.CounterChanged', schemaVersion: 2, payload: { by: Math.floor(rand() * 21) - 10 } };
  if (r < 0.9) return { ...common, type: 'test.CounterRenamed', schemaVersion: 1, payload: { name: `n${Math.floor(rand() * 1000)}` } };
  return { ...common, type: 'test.CounterFlagged', schemaVersion: 1, payload: { flag: rand() < 0.5 ? 'red' : 'green' } };
}

/** Deterministic PRNG so a failure can be replayed from its seed. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('projections', () => {
  let pool: Pool;
  afterAll(() => pool?.end());

  it('rebuilt from zero equal the live read model after a randomized history of 10,000+ events', async () => {
    ({ pool } = await freshEventStoreDb('projection', 12));
    const store = new EventStore(pool, 'test');
    const live = new ProjectionRunner(pool, store, countersProjection('counters_live'), 250);
    const seed = Date.now() % 100000;
    const rand = mulberry32(seed);
    const versions = new Map<string, number>();
    let appended = 0;
    // Writers append in random batches while the live projection catches up concurrently.
    const writer = async (w: number) => {
      while (appended < 10_500) {
        const requests = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => {
          const id = `c-${Math.floor(rand() * 300)}-${w}`;
          const events = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => randomEvent(rand));
          return { id, events };
        });
        const unique = [...new Map(requests.map((r) => [r.id, r])).values()];
        await store.append(unique.map((r) => ({ aggregateId: r.id, expectedVersion: versions.get(r.id) ?? 0, events: r.events })));
        for (const r of unique) versions.set(r.id, (versions.get(r.id) ?? 0) + r.events.length);
        appended += unique.reduce((n, r) => n + r.events.length, 0);
      }
    };
    let done = false;
    const follower = (async () => {
      while (!done) if ((await live.catchUp()) === 0) await new Promise((r) => setTimeout(r, 5));
    })();
    await Promise.all([writer(1), writer(2), writer(3)]);
    done = true;
    await follower;
    await live.catchUp();
    const head = await store.headSequence();
    expect(head).toBeGreaterThanOrEqual(10_000);
    expect(await live.position()).toBe(head);

    const rebuilt = new ProjectionRunner(pool, store, countersProjection('counters_rebuilt'), 1000);
    await rebuilt.catchUp();
    const state = async (t: string) => (await pool.query(`SELECT id, value, name, flag, touched, last_seq FROM ${t} ORDER BY id`)).rows;
    const liveState = await state('counters_live');
    expect(liveState.length).toBeGreaterThan(100);
    expect(await state('counters_rebuilt')).toEqual(liveState);
    // And rebuilding the live projection in place lands on the same state again.
    expect(await live.rebuild()).toBe(head);
    expect(await state('counters_live')).toEqual(liveState);
    expect(liveState.reduce((n: number, r: { touched: number }) => n + r.touched, 0)).toBe(head);
  });
});
