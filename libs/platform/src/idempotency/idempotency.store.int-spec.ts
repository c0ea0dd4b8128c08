import { createTestDatabase } from '@custos/testing';
import { Pool } from 'pg';
import { IdempotencyStore } from './idempotency.store';

/** The key table on real Postgres: who runs, who waits, who is refused (issue 14). */
describe('IdempotencyStore', () => {
  let pool: Pool;

  beforeAll(async () => {
    pool = new Pool({ connectionString: await createTestDatabase('idempotency-store'), max: 12 });
  });
  afterAll(() => pool.end());

  it('lets exactly one of twenty concurrent first uses of a key run', async () => {
    const store = new IdempotencyStore(pool, { waitMs: 0 });
    const claims = await Promise.all(Array.from({ length: 20 }, () => store.claim('dev:officer.li', 'k-race', 'f1')));
    expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.kind === 'in-progress')).toHaveLength(19);
  });

  it('makes a duplicate wait for the first answer, then gives it', async () => {
    const store = new IdempotencyStore(pool, { waitMs: 5000 });
    expect(await store.claim('dev:officer.li', 'k-wait', 'f1')).toEqual({ kind: 'claimed' });
    const duplicate = store.claim('dev:officer.li', 'k-wait', 'f1');
    setTimeout(() => void store.complete('dev:officer.li', 'k-wait', 201, '{"requestId":"r-1"}'), 200);
    expect(await duplicate).toEqual({ kind: 'replay', status: 201, body: '{"requestId":"r-1"}' });
  });

  it('answers a duplicate that waited too long with in-progress, and another request with mismatch', async () => {
    const store = new IdempotencyStore(pool, { waitMs: 100 });
    await store.claim('dev:officer.li', 'k-slow', 'f1');
    expect(await store.claim('dev:officer.li', 'k-slow', 'f1')).toEqual({ kind: 'in-progress' });
    expect(await store.claim('dev:officer.li', 'k-slow', 'f2')).toEqual({ kind: 'mismatch' });
  });

  it('frees a released key, and lets a key whose first request was abandoned run again', async () => {
    const store = new IdempotencyStore(pool, { waitMs: 0, abandonAfterMs: 300 });
    await store.claim('dev:officer.li', 'k-released', 'f1');
    await store.release('dev:officer.li', 'k-released');
    expect(await store.claim('dev:officer.li', 'k-released', 'f1')).toEqual({ kind: 'claimed' });
    await store.claim('dev:officer.li', 'k-abandoned', 'f1');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await store.claim('dev:officer.li', 'k-abandoned', 'f1')).toEqual({ kind: 'claimed' });
    expect(await store.claim('dev:officer.li', 'k-abandoned', 'f1')).toEqual({ kind: 'in-progress' });
  });

  it('keeps keys per principal', async () => {
    const store = new IdempotencyStore(pool, { waitMs: 0 });
    expect(await store.claim('dev:officer.li', 'k-shared', 'f1')).toEqual({ kind: 'claimed' });
    expect(await store.claim('dev:officer.zhang', 'k-shared', 'f2')).toEqual({ kind: 'claimed' });
  });
});
