import { ddlMigration } from '@custos/migrations';

/**
 * What a county PSB supervises from the registry (issue 20): the mandatory sites it recorded
 * and the systems covering them (R7.1, R7.2), and the change reports addressed to it with their
 * acknowledgement (R15.1). A projection's tables: rebuilt from the log.
 */
export const registrySupervision = ddlMigration({
  name: 'Registry0002Supervision1764979200000',
  statements: [
    `
CREATE TABLE IF NOT EXISTS reg_mandatory_sites (
  id text PRIMARY KEY, name text NOT NULL, category text NOT NULL, rule text NOT NULL,
  address text NOT NULL, division_code text NOT NULL, responsible_organisation_id text NOT NULL,
  duty_since timestamptz NOT NULL, registered_at timestamptz NOT NULL, seq bigint NOT NULL);
CREATE TABLE IF NOT EXISTS reg_site_coverage (
  site_id text NOT NULL, image_system_id text NOT NULL, recorded_at timestamptz NOT NULL,
  PRIMARY KEY (site_id, image_system_id));
CREATE TABLE IF NOT EXISTS reg_change_reports (
  system_id text NOT NULL, change_id text NOT NULL, addressed_to text,
  kind text NOT NULL, camera_id text, description text NOT NULL, changed_at timestamptz NOT NULL,
  reported_at timestamptz NOT NULL, duty text, deadline timestamptz, late boolean NOT NULL,
  acknowledged_at timestamptz, acknowledged_by text, seq bigint NOT NULL,
  PRIMARY KEY (system_id, change_id));
CREATE INDEX IF NOT EXISTS reg_change_reports_addressee ON reg_change_reports (addressed_to, seq);
    `,
  ],
  grants: [
    ['SELECT, INSERT, UPDATE, TRUNCATE', 'reg_mandatory_sites', 'reg_site_coverage', 'reg_change_reports'],
  ],
});
