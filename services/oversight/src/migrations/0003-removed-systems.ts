import { ddlMigration } from '@custos/migrations';

/**
 * The systems oversight has seen removed (R7.1, R7.2), with the removal a finding names: the
 * registry's events of different aggregates (a site, a system) reach oversight on different
 * partitions, in any order, so a site recorded as covered by a system already seen removed is
 * uncovered since that removal, as it would be had the removal come after it.
 */
export const oversightRemovedSystems = ddlMigration({
  name: 'Oversight0003RemovedSystems1796601600000',
  statements: [
    `
CREATE TABLE IF NOT EXISTS ov_removed_systems (
  image_system_id text PRIMARY KEY, removed_at timestamptz NOT NULL, source_service text NOT NULL,
  source_sequence bigint NOT NULL, source_event_id text NOT NULL, source_type text NOT NULL);
  `,
  ],
  grants: [['SELECT, INSERT', 'ov_removed_systems']],
});
