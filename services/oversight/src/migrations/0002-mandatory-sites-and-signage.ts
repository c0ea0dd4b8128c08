import { ddlMigration } from '@custos/migrations';

/**
 * Mandatory sites (R7.1, R7.2) as the registry's events describe them, the systems covering
 * each, and the sign observations a missing-sign finding names (R11.1). `uncovered_since` is
 * null while a system covers the site; `source_*` is the event it is uncovered since (its
 * registration, or the removal of its last system), which a finding names; `raised` once the
 * finding for that source is on oversight's log.
 */
export const oversightMandatorySites = ddlMigration({
  name: 'Oversight0002MandatorySites1764979200000',
  statements: [
    `
CREATE TABLE IF NOT EXISTS ov_mandatory_sites (
  id text PRIMARY KEY, name text NOT NULL, rule text NOT NULL, division_code text NOT NULL, responsible_organisation_id text NOT NULL,
  uncovered_since timestamptz, source_service text NOT NULL, source_sequence bigint NOT NULL,
  source_event_id text NOT NULL, source_type text NOT NULL, raised boolean NOT NULL DEFAULT false);
CREATE TABLE IF NOT EXISTS ov_site_coverage (
  site_id text NOT NULL, image_system_id text NOT NULL, PRIMARY KEY (site_id, image_system_id));
CREATE TABLE IF NOT EXISTS ov_signage_evidence (
  evidence_id text PRIMARY KEY, service text NOT NULL, sequence bigint NOT NULL, event_id text NOT NULL, type text NOT NULL);
  `,
  ],
  grants: [
    // A site's coverage comes and goes and its state moves (uncovered since, raised); evidence is kept.
    ['SELECT, INSERT, UPDATE', 'ov_mandatory_sites'],
    ['SELECT, INSERT, DELETE', 'ov_site_coverage'],
    ['SELECT, INSERT', 'ov_signage_evidence'],
  ],
});
