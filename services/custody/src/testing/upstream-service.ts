import { EventDefinition, EventRegistry } from '@custos/contracts';
import { ensureEventStoreSchema, EventStore, EventTransport, OutboxRelay } from '@custos/eventstore';
import { createTestDatabase } from '@custos/testing';
import { Pool } from 'pg';

/** Another service's event store in a test, publishing through the broker as that service does: what custody consumes. */
export interface UpstreamService {
  readonly events: EventStore;
  readonly pool: Pool;
  /** Stops its relay and closes its pool. */
  close(): Promise<void>;
}

/** `service`'s event store in a database of its own (`database`), its outbox relayed to `topicPrefix` on the broker. */
export async function startUpstreamService(
  service: string,
  definitions: readonly EventDefinition[],
  broker: { transport: EventTransport; topicPrefix: string },
  database: string,
): Promise<UpstreamService> {
  const url = await createTestDatabase(database);
  const pool = new Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  await ensureEventStoreSchema(pool);
  const events = new EventStore(pool, service, new EventRegistry().register(...definitions));
  const relay = new OutboxRelay({ service, connection: { connectionString: url }, ...broker, idlePollMs: 100 });
  relay.start();
  return {
    events,
    pool,
    close: async () => {
      await relay.stop();
      await pool.end();
    },
  };
}
