import { REGISTRY_CAMERA_REGISTERED, REGISTRY_FACILITY_CHANGE_REPORTED, REGISTRY_IMAGE_SYSTEM_REGISTERED } from '@custos/contracts';
import { projectionOf } from '@custos/eventstore';
import { idOfStream } from './registry.event-store';

/**
 * Where each image system and camera stands (their addresses), which the list tables of
 * `registry-lists` do not hold: the camera directory searches by address. A projection of its
 * own so that it is built from the whole log on first start without rebuilding the lists.
 */
export const registryPlacesProjection = projectionOf({
  name: 'registry-places',
  tables: ['reg_places'],
  handlers: {
    [REGISTRY_IMAGE_SYSTEM_REGISTERED]: (p, event, tx) =>
      tx.query('INSERT INTO reg_places (id, system_id, location) VALUES ($1, $1, $2)', [idOfStream(event.aggregateId), p.location]),
    [REGISTRY_CAMERA_REGISTERED]: (p, event, tx) =>
      tx.query('INSERT INTO reg_places (id, system_id, location) VALUES ($1, $2, $3)', [p.cameraId, idOfStream(event.aggregateId), p.location]),
    // A camera moves only through a reported change (R15.1, R8.1).
    [REGISTRY_FACILITY_CHANGE_REPORTED]: async (p, _event, tx) => {
      if (p.cameraId !== undefined && p.newLocation !== undefined) {
        await tx.query('UPDATE reg_places SET location = $2 WHERE id = $1', [p.cameraId, p.newLocation]);
      }
    },
  },
});
