/**
 * The place of a finding: as raised, else its system's or owner's as the registry's events
 * said (a finding raised before the registry's facts arrived is placed once they have).
 * Shared by the findings list and the jurisdiction report, outside the HTTP layer.
 */
export const PLACED_FINDINGS = `(SELECT f.*, COALESCE(f.division_code,
    (SELECT s.division_code FROM ov_systems s WHERE s.id = f.image_system_id),
    (SELECT o.division_code FROM ov_organisations o WHERE o.id = f.organisation_id)) AS placed_division,
    COALESCE(f.organisation_id, (SELECT s.owner_organisation_id FROM ov_systems s WHERE s.id = f.image_system_id)) AS placed_owner
  FROM ov_findings f) pf`;
