import {
  CUSTODY_PACKAGE_DELIVERED,
  CUSTODY_PACKAGE_DELIVERY_INTERRUPTED,
  CUSTODY_PACKAGE_DELIVERY_STARTED,
  EventEnvelope,
  PackageDelivered,
  PackageDeliveryInterrupted,
  PackageDeliveryStarted,
} from '@custos/contracts';
import { PoolClient } from 'pg';
import { writeAccessRegisterEntry } from './access-register.writer';

/** Applies a delivery's event; false for any other event. */
export async function applyDeliveryEvent(event: EventEnvelope, tx: PoolClient): Promise<boolean> {
  switch (event.type) {
    case CUSTODY_PACKAGE_DELIVERY_STARTED: {
      const p = event.payload as unknown as PackageDeliveryStarted;
      const { rows } = await tx.query(
        'SELECT owner_organisation_id, owner_division_code, camera_ids FROM custody_evidence_items WHERE evidence_item_id = $1',
        [p.evidenceItemId],
      );
      const item = rows[0];
      // A delivery of an item the read model does not hold has no owner to register it under.
      if (!item) return true;
      await writeAccessRegisterEntry(tx, {
        entryId: p.deliveryId,
        sequence: event.sequence,
        evidenceItemId: p.evidenceItemId,
        kind: 'DELIVERY',
        organisationId: p.receivingOrganisationId,
        divisionCode: p.receivingDivisionCode,
        ownerOrganisationId: item.owner_organisation_id,
        ownerDivisionCode: item.owner_division_code,
        persons: p.officers.map((o) => ({ personId: o.personId, credentialNumber: o.credentialNumber })),
        at: p.at,
        purpose: p.purpose,
        approvalDocumentNumber: p.approvalDocumentNumber,
        cameraIds: item.camera_ids,
      });
      return true;
    }
    case CUSTODY_PACKAGE_DELIVERED: {
      const p = event.payload as unknown as PackageDelivered;
      await endDelivery(tx, p.deliveryId, p.at, p.match ? 'DELIVERED' : 'INTEGRITY_MISMATCH', p.bytes, p.sha256);
      return true;
    }
    case CUSTODY_PACKAGE_DELIVERY_INTERRUPTED: {
      const p = event.payload as unknown as PackageDeliveryInterrupted;
      await endDelivery(tx, p.deliveryId, p.at, p.reason, p.bytes, null);
      return true;
    }
    default:
      return false;
  }
}

function endDelivery(tx: PoolClient, deliveryId: string, at: string, reason: string, bytes: number, sha256: string | null) {
  return tx.query('UPDATE custody_access_register SET ended_at = $2, end_reason = $3, bytes = $4, sha256 = $5 WHERE entry_id = $1', [
    deliveryId,
    at,
    reason,
    bytes,
    sha256,
  ]);
}
