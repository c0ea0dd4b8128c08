import { EventEnvelope, quarantineDecisionsStream, quarantineResolvedDefinition } from '@custos/contracts';
import { Pool, PoolClient } from 'pg';
import { changed, freshEventStoreDb, testActor, testRegistry } from '../../test/support';
import { EventConsumer } from '../consumer/event-consumer';
import { Projection, ProjectionRunner } from '../projection/projection';
import { EventStore } from '../store/event-store';
import { EmbeddedTransport } from '../transport/embedded.transport';
import { IncomingMessage } from '../transport/transport';
import { listQuarantined } from './quarantine';
import { readerStatuses } from './reader-status';

/** Names go into a text column: Postgres refuses a NUL there, as it did the registry's organisation name. */
function namesProjection(name: string): Projection {
  return {
    name,
    tables: [`${name.replace(/-/g, '_')}`],
    setup: async (tx: PoolClient) => {
      await tx.query(`CREATE TABLE IF NOT EXISTS ${name.replace(/-/g, '_')} (id text PRIMARY KEY, names text[] NOT NULL)`);
    },
    apply: async (e: EventEnvelope, tx: PoolClient) => {
      const p = e.payload as { name?: string };
      if (p.name === undefined) return;
      await tx.query(
        `INSERT INTO ${name.replace(/-/g, '_')} (id, names) VALUES ($1, ARRAY[$2]) ON CONFLICT (id) DO UPDATE SET names = ${name.replace(/-/g, '_')}.names || $2`,
        [e.aggregateId, p.name],
      );
    },
  };
}

const renamed = (name: string) => ({ type: 'test.CounterRenamed', schemaVersion: 1, payload: { name }, actor: testActor, correlationId: 'c' });
const operator = { subject: 'operator-1', roles: ['SERVICE'] };

describe('quarantine: one event never stops a reader', () => {
  let pool: Pool;
  let store: EventStore;
  // Each test reads its own log from the start.
  beforeEach(async () => {
    ({ pool } = await freshEventStoreDb('quarantine', 6));
    store = new EventStore(pool, 'test', testRegistry().register(quarantineResolvedDefinition('test')));
  });
  afterEach(() => pool?.end());

  it('sets a poison event aside, goes on with other aggregates and holds the same aggregate behind it, in order', async () => {
    const runner = new ProjectionRunner(pool, store, namesProjection('names-a'));
    await store.append({ aggregateId: 'a', expectedVersion: 0, events: [renamed('a1')] });
    await store.append({ aggregateId: 'b', expectedVersion: 0, events: [renamed('b1')] });
    const [poison] = await store.append({ aggregateId: 'a', expectedVersion: 1, events: [renamed('a2\u0000')] });
    await store.append({ aggregateId: 'b', expectedVersion: 1, events: [renamed('b2')] });
    const [behind] = await store.append({ aggregateId: 'a', expectedVersion: 2, events: [renamed('a3')] });

    await expect(runner.catchUp()).resolves.toBe(5);
    const { rows } = await pool.query('SELECT id, names FROM names_a ORDER BY id');
    expect(rows).toEqual([
      { id: 'a', names: ['a1'] },
      { id: 'b', names: ['b1', 'b2'] },
    ]);
    const quarantined = await runner.quarantined();
    expect(quarantined.map((q) => [q.eventId, q.state])).toEqual([
      [poison.id, 'FAILED'],
      [behind.id, 'WAITING'],
    ]);
    expect(quarantined[0].error).toMatch(/^22021: invalid byte sequence/);
    const [status] = readerStatuses().filter((r) => r.reader === 'names-a');
    expect(status).toMatchObject({ kind: 'projection', lag: 0, database: expect.stringMatching(/quarantine/) });
    expect(status.failingSince).toBeUndefined();

    // Later events keep flowing; the aggregate behind the poison keeps waiting, in order.
    const [later] = await store.append({ aggregateId: 'a', expectedVersion: 3, events: [renamed('a4')] });
    await store.append({ aggregateId: 'b', expectedVersion: 2, events: [renamed('b3')] });
    await runner.catchUp();
    expect((await pool.query(`SELECT names FROM names_a WHERE id = 'b'`)).rows[0].names).toEqual(['b1', 'b2', 'b3']);
    expect((await runner.quarantined()).map((q) => q.eventId)).toEqual([poison.id, behind.id, later.id]);
  });

  it('lets an operator skip the poison with a reason recorded as an event, and applies what waited behind it in order', async () => {
    const runner = new ProjectionRunner(pool, store, namesProjection('names-b'));
    await store.append({ aggregateId: 'c', expectedVersion: 0, events: [renamed('c1')] });
    const [poison] = await store.append({ aggregateId: 'c', expectedVersion: 1, events: [renamed('c2\u0000')] });
    const [behind] = await store.append({ aggregateId: 'c', expectedVersion: 2, events: [renamed('c3'), renamed('c4')] });
    await runner.catchUp();
    const decide = (eventId: string, decision: 'REPLAY' | 'SKIP') =>
      runner.resolve({ eventId, decision, reason: 'ticket OPS-14: NUL in a name', actor: operator, correlationId: 'ops-14' });

    await expect(decide(behind.id, 'SKIP')).rejects.toMatchObject({ code: 'CUSTOS_ES_QUARANTINE_NOT_FIRST', status: 409 });
    await expect(decide(poison.id, 'REPLAY')).rejects.toMatchObject({ code: 'CUSTOS_ES_QUARANTINE_REPLAY_FAILED', status: 409 });
    await expect(decide('00000000-0000-4000-8000-000000000000', 'SKIP')).rejects.toMatchObject({ code: 'CUSTOS_ES_QUARANTINE_NOT_FOUND' });
    expect(await runner.quarantined()).toHaveLength(3);

    await expect(decide(poison.id, 'SKIP')).resolves.toEqual({ released: 2, stillWaiting: 0 });
    expect(await runner.quarantined()).toEqual([]);
    expect((await pool.query(`SELECT names FROM names_b WHERE id = 'c'`)).rows[0].names).toEqual(['c1', 'c3', 'c4']);
    const [decision] = await store.readStream(quarantineDecisionsStream('test'));
    expect(decision).toMatchObject({
      type: 'test.QuarantinedEventResolved',
      actor: operator,
      correlationId: 'ops-14',
      payload: { reader: 'names-b', eventId: poison.id, aggregateId: 'c', decision: 'SKIP', reason: 'ticket OPS-14: NUL in a name', released: 2 },
    });
    // The decision is an event of the log like any other: the projection reads past it.
    await expect(runner.catchUp()).resolves.toBeGreaterThan(0);
    expect(await runner.quarantined()).toEqual([]);
  });

  it('replays a quarantined event once the projection is fixed', async () => {
    let broken = true;
    const base = namesProjection('names-c');
    const runner = new ProjectionRunner(pool, store, {
      ...base,
      apply: async (e, tx) => {
        if (broken && (e.payload as { name?: string }).name === 'd2') throw new Error('a bug in the projection');
        await base.apply(e, tx);
      },
    });
    await store.append({ aggregateId: 'd', expectedVersion: 0, events: [renamed('d1'), renamed('d2'), renamed('d3')] });
    await runner.catchUp();
    const [failed] = await runner.quarantined();
    expect(failed).toMatchObject({ state: 'FAILED', error: 'a bug in the projection' });
    broken = false;
    await expect(runner.resolve({ eventId: failed.eventId, decision: 'REPLAY', reason: 'fixed in 1.2.3', actor: operator, correlationId: 'x' })).resolves.toEqual({
      released: 1,
      stillWaiting: 0,
    });
    expect((await pool.query(`SELECT names FROM names_c WHERE id = 'd'`)).rows[0].names).toEqual(['d1', 'd2', 'd3']);
  });

  it('quarantines a consumer event after its attempts and keeps later events of its aggregate behind it, other aggregates going on', async () => {
    await pool.query('CREATE TABLE handled (event_id uuid, aggregate_id text, version int)');
    const source = new EventStore(pool, 'src', testRegistry());
    const consumer = new EventConsumer({
      name: 'poison-consumer',
      topics: ['t'],
      pool,
      transport: new EmbeddedTransport(pool),
      registry: testRegistry(),
      maxAttempts: 2,
      handle: async (event, tx) => {
        if ((event.payload as { by?: number }).by === 13) throw new Error('cannot handle 13');
        await tx.query('INSERT INTO handled VALUES ($1, $2, $3)', [event.id, event.aggregateId, event.aggregateVersion]);
      },
    });
    const events = [
      ...(await source.append({ aggregateId: 'src-x', expectedVersion: 0, events: [changed(1), changed(13), changed(2)] })),
      ...(await source.append({ aggregateId: 'src-y', expectedVersion: 0, events: [changed(3)] })),
    ];
    const messages: IncomingMessage[] = events.map((e, i) => ({
      topic: 't',
      partition: 0,
      offset: String(i),
      key: e.aggregateId,
      eventId: e.id,
      value: Buffer.from(JSON.stringify(e)),
    }));
    await expect(consumer.receive(messages)).rejects.toThrow('cannot handle 13');
    await expect(consumer.receive(messages)).resolves.toBeUndefined();
    const { rows } = await pool.query('SELECT aggregate_id, version FROM handled ORDER BY aggregate_id, version');
    expect(rows).toEqual([
      { aggregate_id: 'src-x', version: 1 },
      { aggregate_id: 'src-y', version: 1 },
    ]);
    expect((await listQuarantined(pool, 'poison-consumer')).map((q) => [q.aggregateId, q.state])).toEqual([
      ['src-x', 'FAILED'],
      ['src-x', 'WAITING'],
    ]);
    // Redelivery changes nothing; a skip releases the waiting event.
    await consumer.receive(messages);
    const [failed] = await listQuarantined(pool, 'poison-consumer');
    await consumer.resolve(store, { eventId: failed.eventId, decision: 'SKIP', reason: 'bad test data', actor: operator, correlationId: 'y' });
    const after = await pool.query(`SELECT version FROM handled WHERE aggregate_id = 'src-x' ORDER BY version`);
    expect(after.rows.map((r) => r.version)).toEqual([1, 3]);
  });
});
