import { PoolClient } from 'pg';

/**
 * What the consumer of every topic keeps of the other services' events, in the inbox's
 * transaction (so a redelivery changes nothing): where organisations, systems and segments
 * stand (to place findings in a jurisdiction, R5.1), who filed each request (to pair officers),
 * and one row per fact of officials' conduct and per access (R16.6, R27.1), each with the
 * service and sequence under which the ledger holds its event. Rebuilt by replaying the topics.
 */
export const OBSERVED_FACT_TABLES = ['ov_organisations', 'ov_systems', 'ov_segments', 'ov_requests', 'ov_activity'] as const;

export async function ensureObservedFactTables(tx: Pick<PoolClient, 'query'>): Promise<void> {
  await tx.query(`
    CREATE TABLE IF NOT EXISTS ov_organisations (
      id text PRIMARY KEY, type text NOT NULL, level text NOT NULL, division_code text NOT NULL);
    CREATE TABLE IF NOT EXISTS ov_systems (
      id text PRIMARY KEY, owner_organisation_id text NOT NULL, division_code text NOT NULL);
    CREATE TABLE IF NOT EXISTS ov_segments (id text PRIMARY KEY, image_system_id text NOT NULL);
    CREATE TABLE IF NOT EXISTS ov_requests (
      id text PRIMARY KEY, organisation_id text NOT NULL, division_code text NOT NULL, filer_person_id text NOT NULL);
    CREATE TABLE IF NOT EXISTS ov_activity (
      event_id text NOT NULL, service text NOT NULL, sequence bigint NOT NULL, kind text NOT NULL,
      organisation_id text NOT NULL, subject text NOT NULL, detail text, at timestamptz NOT NULL,
      PRIMARY KEY (event_id, subject));
    CREATE INDEX IF NOT EXISTS ov_activity_at ON ov_activity (at);
  `);
}
