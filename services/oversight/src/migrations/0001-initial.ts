import { ddlMigration } from '@custos/migrations';

/**
 * The oversight service's schema as it created it at start-up before versioned migrations (every
 * statement idempotent, so a database created that way adopts this migration unchanged), and
 * what its runtime role may do to each table.
 */
export const oversightInitial = ddlMigration({
  name: 'Oversight0001Initial1764892800700',
  statements: [
    `
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
`,
    `
CREATE TABLE IF NOT EXISTS ov_findings (
  finding_id text PRIMARY KEY, seq bigint NOT NULL, origin text NOT NULL, rule text NOT NULL,
  penalty_rule text, code text, image_system_id text, camera_id text, organisation_id text,
  division_code text, description text NOT NULL, evidence jsonb NOT NULL, inspection_id text,
  raised_at timestamptz NOT NULL);
CREATE TABLE IF NOT EXISTS ov_inspections (
  inspection_id text PRIMARY KEY, seq bigint NOT NULL, image_system_id text, organisation_id text,
  division_code text, areas text[] NOT NULL, inspected_by jsonb NOT NULL, record text NOT NULL,
  finding_ids text[] NOT NULL, inspected_at timestamptz NOT NULL);
CREATE TABLE IF NOT EXISTS ov_acts (
  act_id text NOT NULL, kind text NOT NULL, finding_id text NOT NULL, seq bigint NOT NULL,
  status text NOT NULL, quashed boolean NOT NULL DEFAULT false, party_organisation_id text,
  detail jsonb NOT NULL, at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
  PRIMARY KEY (kind, act_id));
CREATE INDEX IF NOT EXISTS ov_acts_finding ON ov_acts (finding_id);
`,
  ],
  grants: [
    // The findings read model (its rebuild empties it).
    ['SELECT, INSERT, UPDATE, TRUNCATE', 'ov_findings', 'ov_inspections', 'ov_acts'],
    // Facts observed on the topics, inserted once.
    ['SELECT, INSERT', 'ov_organisations', 'ov_systems', 'ov_segments', 'ov_requests', 'ov_activity'],
  ],
});
