// Commands appending at their commit in a process of their own, for the kill -9 test:
// DATABASE_URL. Each command writes an effect row and appends its event, both in one transaction.
import { Pool } from 'pg';
import { EventStore } from '../src/store/event-store';
import { inTransaction } from '../src/store/sql';
import { changed, testRegistry } from './support';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 6 });
pool.on('error', () => undefined);
const store = new EventStore(pool, 'test', testRegistry());

async function writer(w: number): Promise<void> {
  for (let version = 0; ; version++) {
    const aggregateId = `killed-${w}`;
    await inTransaction(
      pool,
      async (tx) => {
        await tx.query('INSERT INTO command_effects (aggregate_id, version) VALUES ($1, $2)', [aggregateId, version + 1]);
        await store.append({ aggregateId, expectedVersion: version, events: [changed(version)] }, tx);
      },
      { atCommit: true },
    );
  }
}

process.stdout.write('COMMANDS STARTED\n');
for (let w = 0; w < 6; w++) void writer(w);
