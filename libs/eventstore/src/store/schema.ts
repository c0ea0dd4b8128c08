import { applyMigrationDirectly, eventStoreInitial } from '@custos/migrations';
import { Pool } from 'pg';
import { inTransaction } from './sql';

/**
 * The kernel's tables applied directly, without the migrations table, roles or grants: for the
 * kernel's own tests and benchmarks on a database of their own. Services never create tables:
 * their migration job applies `KERNEL_MIGRATIONS` (libs/migrations) and they check it at start.
 */
export async function ensureEventStoreSchema(pool: Pool): Promise<void> {
  await inTransaction(pool, async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('custos.eventstore.schema'))");
    await applyMigrationDirectly(tx, eventStoreInitial);
  });
}
