import { EventStore, inTransaction, type AppendRequest } from '@custos/eventstore';
import type { Pool, PoolClient } from 'pg';

/**
 * A storage repository whose every write goes with its event: the row and the event in one
 * transaction, both or neither, so that the outbox never tells of a row that is not there.
 */
export abstract class RecordedWrites {
  constructor(
    protected readonly pool: Pool,
    private readonly events: EventStore,
  ) {}

  /** Runs `write` and appends `event` in one transaction. */
  protected writeWithEvent(event: AppendRequest, write: (tx: PoolClient) => Promise<unknown>): Promise<void> {
    return inTransaction(this.pool, async (tx) => {
      await write(tx);
      await this.events.append(event, tx);
    });
  }
}
