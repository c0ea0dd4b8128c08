import {
  CameraRegistered,
  EventEnvelope,
  FacilityChangeReported,
  ImageSystemRegistered,
  REGISTRY_CAMERA_REGISTERED,
  REGISTRY_FACILITY_CHANGE_REPORTED,
  REGISTRY_IMAGE_SYSTEM_REGISTERED,
} from '@custos/contracts';
import { Projection } from '@custos/eventstore';
import { PoolClient } from 'pg';
import { idOfStream } from './registry.event-store';

/**
 * Where each image system and camera stands (their addresses), which the list tables of
 * `registry-lists` do not hold: the camera directory searches by address. A projection of its
 * own so that it is built from the whole log on first start without rebuilding the lists.
 */
export const registryPlacesProjection: Projection = {
  name: 'registry-places',
  tables: ['reg_places'],
  async apply(event: EventEnvelope, tx: PoolClient): Promise<void> {
    const systemId = idOfStream(event.aggregateId);
    switch (event.type) {
      case REGISTRY_IMAGE_SYSTEM_REGISTERED: {
        const p = event.payload as unknown as ImageSystemRegistered;
        await tx.query('INSERT INTO reg_places (id, system_id, location) VALUES ($1, $1, $2)', [systemId, p.location]);
        return;
      }
      case REGISTRY_CAMERA_REGISTERED: {
        const p = event.payload as unknown as CameraRegistered;
        await tx.query('INSERT INTO reg_places (id, system_id, location) VALUES ($1, $2, $3)', [p.cameraId, systemId, p.location]);
        return;
      }
      case REGISTRY_FACILITY_CHANGE_REPORTED: {
        const p = event.payload as unknown as FacilityChangeReported;
        // A camera moves only through a reported change (R15.1, R8.1).
        if (p.cameraId !== undefined && p.newLocation !== undefined) {
          await tx.query('UPDATE reg_places SET location = $2 WHERE id = $1', [p.cameraId, p.newLocation]);
        }
        return;
      }
      default:
        return;
    }
  },
};
