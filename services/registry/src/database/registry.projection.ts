import {
  EventEnvelope,
  OfficerRegistered,
  OperatorRegistered,
  REGISTRY_CAMERA_REGISTERED,
  REGISTRY_FACILITY_CHANGE_REPORTED,
  REGISTRY_HEAD_APPOINTED,
  REGISTRY_IMAGE_SYSTEM_REGISTERED,
  REGISTRY_OFFICER_REGISTERED,
  REGISTRY_OPERATOR_REGISTERED,
  REGISTRY_OPERATOR_TRAINING_RECORDED,
  REGISTRY_ORGANISATION_REGISTERED,
  REGISTRY_SIGNAGE_EVIDENCE_RECORDED,
} from '@custos/contracts';
import { projectionOf } from '@custos/eventstore';
import { PoolClient } from 'pg';
import { idOfStream } from './registry.event-store';

/** Officers and operators alike: a person of an organisation, listed under its division. */
function personOf(table: 'reg_officers' | 'reg_operators') {
  return (p: OfficerRegistered | OperatorRegistered, event: EventEnvelope, tx: PoolClient) =>
    tx.query(
      `INSERT INTO ${table} (id, person_id, organisation_id, name, division_code, seq)
       SELECT $1, $2, $3, $4, division_code, $5 FROM reg_organisations WHERE id = $3`,
      [idOfStream(event.aggregateId), p.personId, p.organisationId, p.name, event.sequence],
    );
}

/**
 * The registry's list views (organisations, officers, systems, cameras, operators), rebuilt exactly
 * from the log by ProjectionRunner. Single entities are read from their aggregates, which are
 * the source of truth; these tables serve paging, filters and id lookups only.
 */
export const registryListsProjection = projectionOf({
  name: 'registry-lists',
  tables: ['reg_organisations', 'reg_officers', 'reg_image_systems', 'reg_cameras', 'reg_operators', 'reg_head_names'],
  handlers: {
    [REGISTRY_ORGANISATION_REGISTERED]: (p, event, tx) =>
      tx.query('INSERT INTO reg_organisations (id, name, type, level, division_code, parent_id, seq) VALUES ($1,$2,$3,$4,$5,$6,$7)', [
        idOfStream(event.aggregateId),
        p.name,
        p.type,
        p.level,
        p.divisionCode,
        p.parentId ?? null,
        event.sequence,
      ]),
    [REGISTRY_OFFICER_REGISTERED]: personOf('reg_officers'),
    [REGISTRY_OPERATOR_REGISTERED]: personOf('reg_operators'),
    // The name a head signs with (only heads appointed with one): the latest term's name holds.
    [REGISTRY_HEAD_APPOINTED]: async (p, event, tx) => {
      if (!p.name) return;
      await tx.query(
        `INSERT INTO reg_head_names (person_id, organisation_id, name, seq) VALUES ($1, $2, $3, $4)
         ON CONFLICT (person_id, organisation_id) DO UPDATE SET name = EXCLUDED.name, seq = EXCLUDED.seq`,
        [p.personId, idOfStream(event.aggregateId), p.name, event.sequence],
      );
    },
    [REGISTRY_OPERATOR_TRAINING_RECORDED]: (p, event, tx) =>
      tx.query(
        `UPDATE reg_operators SET trainings = trainings + 1,
           last_trained_on = GREATEST(coalesce(last_trained_on, $2), $2) WHERE id = $1`,
        [idOfStream(event.aggregateId), p.completedOn],
      ),
    [REGISTRY_IMAGE_SYSTEM_REGISTERED]: (p, event, tx) =>
      tx.query(
        `INSERT INTO reg_image_systems (id, owner_organisation_id, name, site_categories, division_code,
           in_public_place, signage_shown, seq) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [idOfStream(event.aggregateId), p.ownerOrganisationId, p.name, p.siteCategories, p.divisionCode, p.inPublicPlace, p.signageShown, event.sequence],
      ),
    [REGISTRY_CAMERA_REGISTERED]: (p, event, tx) =>
      tx.query(
        `INSERT INTO reg_cameras (id, system_id, owner_organisation_id, division_code, name, location_category, seq)
         SELECT $1, id, owner_organisation_id, division_code, $2, $3, $4 FROM reg_image_systems WHERE id = $5`,
        [p.cameraId, p.name, p.locationCategory, event.sequence, idOfStream(event.aggregateId)],
      ),
    [REGISTRY_FACILITY_CHANGE_REPORTED]: async (p, event, tx) => {
      const id = idOfStream(event.aggregateId);
      // A camera's place changes only through a reported change (R15.1, R8.1).
      if (p.cameraId !== undefined && p.newLocationCategory !== undefined) {
        await tx.query('UPDATE reg_cameras SET location_category = $2 WHERE id = $1', [p.cameraId, p.newLocationCategory]);
      }
      if (p.kind !== 'REMOVED') return;
      if (p.cameraId === undefined) {
        await tx.query('UPDATE reg_image_systems SET removed = true WHERE id = $1', [id]);
        await tx.query('UPDATE reg_cameras SET removed = true WHERE system_id = $1', [id]);
      } else {
        await tx.query('UPDATE reg_cameras SET removed = true WHERE id = $1', [p.cameraId]);
      }
    },
    // The latest observation of the sign is what the list shows (R11.1).
    [REGISTRY_SIGNAGE_EVIDENCE_RECORDED]: async (p, event, tx) => {
      if (p.current) await tx.query('UPDATE reg_image_systems SET signage_shown = $2 WHERE id = $1', [idOfStream(event.aggregateId), p.shown]);
    },
  },
});
