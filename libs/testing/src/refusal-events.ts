import type { Pool } from 'pg';

/** A refusal event as a suite reads it back from a service's event log. */
export interface RecordedRefusal {
  readonly aggregateId: string;
  readonly type: string;
  readonly actor: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
}

/** Refusals live on streams named `<what>-refusals:<id>`, beside the aggregates they were refused on. */
const REFUSAL_STREAM = "aggregate_id LIKE '%refusals:%'";

/** The number of events of a service's aggregates themselves, refusal streams left out. */
export async function aggregateEventCount(pool: Pool): Promise<number> {
  return Number((await pool.query(`SELECT count(*) AS n FROM es_events WHERE NOT (${REFUSAL_STREAM})`)).rows[0].n);
}

/** Every refusal event recorded in a service's event log, oldest first (whole envelopes: payloads may hold any text). */
export async function recordedRefusals(pool: Pool): Promise<RecordedRefusal[]> {
  const { rows } = await pool.query(`SELECT envelope FROM es_events WHERE ${REFUSAL_STREAM} ORDER BY sequence`);
  return rows.map(({ envelope: e }) => ({ aggregateId: e.aggregateId, type: e.type, actor: e.actor, payload: e.payload }));
}
