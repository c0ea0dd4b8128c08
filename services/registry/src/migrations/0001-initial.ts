import { ddlMigration } from '@custos/migrations';

/**
 * The registry service's schema as it created it at start-up before versioned migrations (every
 * statement idempotent, so a database created that way adopts this migration unchanged), and
 * what its runtime role may do to each table.
 */
export const registryInitial = ddlMigration({
  name: 'Registry0001Initial1764892800100',
  statements: [
    `
CREATE TABLE IF NOT EXISTS reg_unique_keys (
  kind text NOT NULL, key text NOT NULL, aggregate_id text NOT NULL, PRIMARY KEY (kind, key))
`,
    `
CREATE TABLE IF NOT EXISTS reg_organisations (
  id text PRIMARY KEY, name text NOT NULL, type text NOT NULL, level text NOT NULL,
  division_code text NOT NULL, parent_id text, seq bigint NOT NULL);
CREATE TABLE IF NOT EXISTS reg_officers (
  id text PRIMARY KEY, person_id text NOT NULL, organisation_id text NOT NULL, name text NOT NULL,
  division_code text NOT NULL, seq bigint NOT NULL);
CREATE TABLE IF NOT EXISTS reg_image_systems (
  id text PRIMARY KEY, owner_organisation_id text NOT NULL, name text NOT NULL,
  site_categories text[] NOT NULL, division_code text NOT NULL, in_public_place boolean NOT NULL,
  signage_shown boolean NOT NULL, removed boolean NOT NULL DEFAULT false, seq bigint NOT NULL);
CREATE TABLE IF NOT EXISTS reg_cameras (
  id text PRIMARY KEY, system_id text NOT NULL, owner_organisation_id text NOT NULL,
  division_code text NOT NULL, name text NOT NULL, location_category text NOT NULL,
  removed boolean NOT NULL DEFAULT false, seq bigint NOT NULL);
CREATE TABLE IF NOT EXISTS reg_operators (
  id text PRIMARY KEY, person_id text NOT NULL, organisation_id text NOT NULL, name text NOT NULL,
  division_code text NOT NULL, trainings integer NOT NULL DEFAULT 0, last_trained_on text, seq bigint NOT NULL);
CREATE TABLE IF NOT EXISTS reg_head_names (
  person_id text NOT NULL, organisation_id text NOT NULL, name text NOT NULL, seq bigint NOT NULL,
  PRIMARY KEY (person_id, organisation_id));
`,
    `
CREATE TABLE IF NOT EXISTS reg_places (id text PRIMARY KEY, system_id text NOT NULL, location text NOT NULL)
`,
    `
CREATE TABLE IF NOT EXISTS reg_sign_in_head_terms (
  organisation_id text NOT NULL, person_id text NOT NULL, from_at timestamptz NOT NULL,
  to_at timestamptz, seq bigint NOT NULL, PRIMARY KEY (organisation_id, person_id, from_at));
-- The head's name (HeadAppointed.name, added later: null for the terms from before).
ALTER TABLE reg_sign_in_head_terms ADD COLUMN IF NOT EXISTS name text;
CREATE TABLE IF NOT EXISTS reg_sign_in_credential_events (
  seq bigint PRIMARY KEY, officer_id text NOT NULL, type text NOT NULL, schema_version integer NOT NULL,
  payload jsonb NOT NULL);
CREATE INDEX IF NOT EXISTS reg_sign_in_credential_events_officer ON reg_sign_in_credential_events (officer_id, seq);
`,
    // The keys of events appended before the table existed (a database older than it), once.
    `
INSERT INTO reg_unique_keys (kind, key, aggregate_id)
SELECT k.kind, k.key, k.aggregate_id FROM (
  SELECT sequence, aggregate_id,
         CASE type WHEN 'registry.CameraRegistered' THEN 'camera' ELSE 'credential' END AS kind,
         CASE type WHEN 'registry.CameraRegistered' THEN envelope->'payload'->>'cameraId'
                   ELSE envelope->'payload'->>'credentialNumber' END AS key
  FROM es_events WHERE type IN ('registry.CameraRegistered', 'registry.QualificationIssued')
) k
WHERE k.key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM reg_unique_keys)
ORDER BY k.sequence
ON CONFLICT DO NOTHING
`,
  ],
  grants: [
    // The lists, the places and the sign-in read model (their rebuild empties them).
    ['SELECT, INSERT, UPDATE, TRUNCATE', 'reg_organisations', 'reg_officers', 'reg_image_systems', 'reg_cameras', 'reg_operators', 'reg_head_names', 'reg_places', 'reg_sign_in_head_terms', 'reg_sign_in_credential_events'],
    // A claimed camera id or credential number is never released.
    ['SELECT, INSERT', 'reg_unique_keys'],
  ],
});
