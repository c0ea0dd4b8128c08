import { eventTopic } from '@custos/contracts';
import { waitFor } from '@custos/testing';
import { Pool } from 'pg';
import { changed, freshEventStoreDb, testRegistry } from '../../test/support';
import { createEffectsTable, effectCounts, recordEffect } from '../../test/effects';
import { EventConsumer } from '../consumer/event-consumer';
import { OutboxRelay } from '../relay/outbox-relay';
import { EventStore } from '../store/event-store';
import { EmbeddedTransport } from './embedded.transport';

describe('embedded transport (the event bus of the embedded mode)', () => {
  const pools: Pool[] = [];
  afterAll(() => Promise.all(pools.map((p) => p.end())));

  async function setup(label: string) {
    const source = await freshEventStoreDb(`${label}-src`);
    const bus = await freshEventStoreDb(`${label}-bus`);
    const sink = await freshEventStoreDb(`${label}-sink`);
    await createEffectsTable(sink.pool);
    pools.push(source.pool, bus.pool, sink.pool);
    return { source, bus, sink, store: new EventStore(source.pool, 'test', testRegistry()) };
  }

  it('delivers at least once through the same inbox, resumes from the committed offset, and survives a replay', async () => {
    const { source, bus, sink, store } = await setup('embedded');
    const transport = new EmbeddedTransport(bus.pool, 50);
    const relay = new OutboxRelay({ service: 'test', connection: { connectionString: source.url }, transport, idlePollMs: 50 });
    const topics = [eventTopic('test')];
    const make = () => new EventConsumer({ name: 'sink', topics, pool: sink.pool, transport, registry: testRegistry(), handle: recordEffect });
    relay.start();
    const first = make();
    await first.start();
    for (let i = 0; i < 20; i++) await store.append({ aggregateId: `a-${i % 4}`, expectedVersion: Math.floor(i / 4), events: [changed(i)] });
    await waitFor('20 effects', async () => ((await effectCounts(sink.pool)).total === 20 ? true : undefined), 20000, 50);
    await first.stop();

    // Published while no consumer runs; a new one resumes at the group's committed offset.
    for (let i = 0; i < 10; i++) await store.append({ aggregateId: 'later', expectedVersion: i, events: [changed(i)] });
    const second = make();
    await second.start();
    await waitFor('30 effects', async () => ((await effectCounts(sink.pool)).total === 30 ? true : undefined), 20000, 50);
    await second.stop();
    await relay.stop();

    // A replay of the whole log from offset 0 (a new group) changes nothing: the inbox holds.
    const replay = make();
    const sub = await transport.subscribe({ groupId: 'replay', topics, fromBeginning: true }, (batch) => replay.receive(batch));
    await waitFor('the replay to finish', async () => {
      const { rows } = await bus.pool.query("SELECT last_id FROM bus_offsets WHERE group_id = 'replay'");
      const head = await bus.pool.query('SELECT max(id) AS id FROM bus_log');
      return rows[0] && Number(rows[0].last_id) === Number(head.rows[0].id) ? true : undefined;
    }, 20000, 50);
    await sub.stop();
    expect(await effectCounts(sink.pool)).toEqual({ total: 30, distinct: 30 });
    const { rows } = await sink.pool.query("SELECT version FROM effects WHERE aggregate_id = 'later' ORDER BY n");
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
  });

  it('redelivers to a handler that failed, without losing or doubling the effect', async () => {
    const { source, bus, sink, store } = await setup('embedded-retry');
    const transport = new EmbeddedTransport(bus.pool, 20);
    let failures = 2;
    const consumer = new EventConsumer({
      name: 'flaky',
      topics: [eventTopic('test')],
      pool: sink.pool,
      transport,
      registry: testRegistry(),
      handle: async (event, tx) => {
        await recordEffect(event, tx);
        if (failures-- > 0) throw new Error('transient failure');
      },
    });
    await store.append({ aggregateId: 'x', expectedVersion: 0, events: [changed(1), changed(2)] });
    await new OutboxRelay({ service: 'test', connection: { connectionString: source.url }, transport }).drain();
    await consumer.start();
    await waitFor('both effects', async () => ((await effectCounts(sink.pool)).total === 2 ? true : undefined), 20000, 50);
    await consumer.stop();
    expect(await effectCounts(sink.pool)).toEqual({ total: 2, distinct: 2 });
  });
});
