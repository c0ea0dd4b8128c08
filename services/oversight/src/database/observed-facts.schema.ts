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

/**
 * Mandatory sites (R7.1, R7.2) as the registry's events describe them, the systems covering
 * each, and the sign observations a missing-sign finding names (R11.1). `uncovered_since` is
 * null while a system covers the site; `source_*` is the event it is uncovered since (its
 * registration, or the removal of its last system), which a finding names; `raised` once the
 * finding for that source is on oversight's log.
 */
export async function ensureSiteFactTables(tx: Pick<PoolClient, 'query'>): Promise<void> {
  // DDL of issue 20 (mandatory sites, signage evidence): one block, to move into a versioned migration.
  await tx.query(`
    CREATE TABLE IF NOT EXISTS ov_mandatory_sites (
      id text PRIMARY KEY, name text NOT NULL, rule text NOT NULL, division_code text NOT NULL, responsible_organisation_id text NOT NULL,
      uncovered_since timestamptz, source_service text NOT NULL, source_sequence bigint NOT NULL,
      source_event_id text NOT NULL, source_type text NOT NULL, raised boolean NOT NULL DEFAULT false);
    CREATE TABLE IF NOT EXISTS ov_site_coverage (
      site_id text NOT NULL, image_system_id text NOT NULL, PRIMARY KEY (site_id, image_system_id));
    CREATE TABLE IF NOT EXISTS ov_signage_evidence (
      evidence_id text PRIMARY KEY, service text NOT NULL, sequence bigint NOT NULL, event_id text NOT NULL, type text NOT NULL);
  `);
}
