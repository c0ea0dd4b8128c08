import { Pool } from 'pg';
import { freshEventStoreDb, testActor, testRegistry } from '../../test/support';
import { EventStore } from '../store/event-store';
import { AggregateRepository } from './aggregate.repository';
import { EventSourcedAggregate } from './event-sourced.aggregate';

class Counter extends EventSourcedAggregate {
  value = 0;
  name?: string;

  change(by: number): void {
    this.record('test.CounterChanged', { by }, 2);
  }
  rename(name: string): void {
    this.record('test.CounterRenamed', { name });
  }
  onCounterChanged(e: { payload: { by: number } }): void {
    this.value += e.payload.by;
  }
  onCounterRenamed(e: { payload: { name: string } }): void {
    this.name = e.payload.name;
  }
}

describe('event-sourced aggregates on @nestjs/cqrs AggregateRoot', () => {
  let pool: Pool;
  let repo: AggregateRepository<Counter>;
  const ctx = { actor: testActor, correlationId: 'corr-agg' };

  beforeAll(async () => {
    ({ pool } = await freshEventStoreDb('aggregates'));
    repo = new AggregateRepository(new EventStore(pool, 'test', testRegistry()), (id) => new Counter(id));
  });
  afterAll(() => pool.end());

  it('saves what an aggregate decided and rebuilds it from its history', async () => {
    const c = new Counter('counter-1');
    c.change(5);
    c.rename('first');
    c.change(-2);
    const stored = await repo.save(c, ctx);
    expect(stored.map((e) => e.aggregateVersion)).toEqual([1, 2, 3]);
    expect(stored[0].correlationId).toBe('corr-agg');
    const loaded = (await repo.load('counter-1'))!;
    expect([loaded.value, loaded.name, loaded.version]).toEqual([3, 'first', 3]);
    expect(await repo.load('nobody')).toBeUndefined();
  });

  it('refuses to save a stale copy with the concurrency conflict code', async () => {
    const a = (await repo.load('counter-1'))!;
    const b = (await repo.load('counter-1'))!;
    a.change(1);
    await repo.save(a, ctx);
    b.change(100);
    await expect(repo.save(b, ctx)).rejects.toMatchObject({ code: 'CUSTOS_ES_CONCURRENCY_CONFLICT' });
    expect((await repo.load('counter-1'))!.value).toBe(4);
  });
});
