import { EventEnvelope } from '@custos/contracts';
import { Pool, PoolClient } from 'pg';

/**
 * A consumer's observable effect for the tests: one row per handled event, with no unique
 * constraint, so an effect that happened twice shows up as two rows.
 */
export async function createEffectsTable(pool: Pool): Promise<void> {
  await pool.query('CREATE TABLE IF NOT EXISTS effects (n bigserial, event_id uuid, aggregate_id text, version int)');
}

export async function recordEffect(event: EventEnvelope, tx: PoolClient): Promise<void> {
  await tx.query('INSERT INTO effects (event_id, aggregate_id, version) VALUES ($1, $2, $3)', [
    event.id,
    event.aggregateId,
    event.aggregateVersion,
  ]);
}

export async function effectCounts(pool: Pool): Promise<{ total: number; distinct: number }> {
  const { rows } = await pool.query('SELECT count(*)::int AS total, count(DISTINCT event_id)::int AS distinct FROM effects');
  return rows[0];
}
