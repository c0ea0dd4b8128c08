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

/**
 * Deliveries of packages in the access register (R16.6, R18.5): one line per download, written
 * when it starts (before its first byte, R18.3), keyed by the delivery id, with the receiving
 * unit, both officers bound to the link, the purpose of the hand-over and the document; its end
 * (DELIVERED, INTEGRITY_MISMATCH, CLIENT_GONE, SOURCE_FAILED), bytes and SHA-256 are filled in
 * when it ends. The end columns are shared with viewing sessions' lines; the keyset index
 * serves the register's paging.
 */
export async function setupDeliveryReadModels(tx: PoolClient): Promise<void> {
  await tx.query(`
    ALTER TABLE custody_access_register ADD COLUMN IF NOT EXISTS ended_at timestamptz;
    ALTER TABLE custody_access_register ADD COLUMN IF NOT EXISTS end_reason text;
    ALTER TABLE custody_access_register ADD COLUMN IF NOT EXISTS bytes bigint;
    ALTER TABLE custody_access_register ADD COLUMN IF NOT EXISTS sha256 text;
    CREATE INDEX IF NOT EXISTS custody_access_register_keyset ON custody_access_register (sequence, entry_id);
  `);
}

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
