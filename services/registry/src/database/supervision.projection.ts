import {
  REGISTRY_FACILITY_CHANGE_ACKNOWLEDGED,
  REGISTRY_FACILITY_CHANGE_REPORTED,
  REGISTRY_MANDATORY_SITE_COVERAGE_RECORDED,
  REGISTRY_MANDATORY_SITE_REGISTERED,
} from '@custos/contracts';
import { projectionOf } from '@custos/eventstore';
import { PoolClient } from 'pg';
import { idOfStream } from './registry.event-store';

function coverSite(tx: PoolClient, siteId: string, imageSystemId: string, recordedAt: string) {
  return tx.query('INSERT INTO reg_site_coverage (site_id, image_system_id, recorded_at) VALUES ($1, $2, $3)', [siteId, imageSystemId, recordedAt]);
}

/**
 * What a county PSB supervises from the registry (issue 20): the mandatory sites it recorded
 * and the systems covering them (R7.1, R7.2), and the change reports addressed to it with their
 * acknowledgement (R15.1). Rebuilt exactly from the log; the queries join the system list
 * (`reg_image_systems`) for names and removals, so this projection depends on no other.
 */
export const supervisionProjection = projectionOf({
  name: 'registry-supervision',
  tables: ['reg_mandatory_sites', 'reg_site_coverage', 'reg_change_reports'],
  handlers: {
    [REGISTRY_MANDATORY_SITE_REGISTERED]: async (p, event, tx) => {
      const id = idOfStream(event.aggregateId);
      await tx.query(
        `INSERT INTO reg_mandatory_sites (id, name, category, rule, address, division_code, responsible_organisation_id,
           duty_since, registered_at, seq) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
        [id, p.name, p.category, p.rule, p.address, p.divisionCode, p.responsibleOrganisationId, p.dutySince, event.occurredAt, event.sequence],
      );
      for (const systemId of p.coveringSystemIds ?? []) await coverSite(tx, id, systemId, event.occurredAt);
    },
    [REGISTRY_MANDATORY_SITE_COVERAGE_RECORDED]: (p, event, tx) => coverSite(tx, idOfStream(event.aggregateId), p.imageSystemId, p.recordedAt),
    [REGISTRY_FACILITY_CHANGE_REPORTED]: (p, event, tx) =>
      tx.query(
        `INSERT INTO reg_change_reports (system_id, change_id, addressed_to, kind, camera_id, description,
           changed_at, reported_at, duty, deadline, late, seq)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
        [
          idOfStream(event.aggregateId),
          p.changeId,
          p.addressedToOrganisationId ?? null,
          p.kind,
          p.cameraId ?? null,
          p.description,
          p.changedAt,
          p.reportedAt,
          p.duty ?? null,
          p.deadline ?? null,
          p.late,
          event.sequence,
        ],
      ),
    [REGISTRY_FACILITY_CHANGE_ACKNOWLEDGED]: (p, event, tx) =>
      tx.query('UPDATE reg_change_reports SET acknowledged_at = $3, acknowledged_by = $4 WHERE system_id = $1 AND change_id = $2', [
        idOfStream(event.aggregateId),
        p.changeId,
        p.acknowledgedAt,
        p.personId,
      ]),
  },
});
