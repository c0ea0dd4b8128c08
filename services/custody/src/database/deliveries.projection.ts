import { CUSTODY_PACKAGE_DELIVERED, CUSTODY_PACKAGE_DELIVERY_INTERRUPTED, CUSTODY_PACKAGE_DELIVERY_STARTED } from '@custos/contracts';
import { EventHandlers } from '@custos/eventstore';
import { PoolClient } from 'pg';
import { writeAccessRegisterEntry } from './access-register.writer';

/** A delivery's events: a register line when it starts, its end and why when it ends (R16.6). */
export const deliveryHandlers: EventHandlers<PoolClient> = {
  [CUSTODY_PACKAGE_DELIVERY_STARTED]: async (p, event, tx) => {
    const { rows } = await tx.query(
      'SELECT owner_organisation_id, owner_division_code, camera_ids FROM custody_evidence_items WHERE evidence_item_id = $1',
      [p.evidenceItemId],
    );
    const item = rows[0];
    // A delivery of an item the read model does not hold has no owner to register it under.
    if (!item) return;
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
  },
  [CUSTODY_PACKAGE_DELIVERED]: async (p, _event, tx) => endDelivery(tx, p.deliveryId, p.at, p.match ? 'DELIVERED' : 'INTEGRITY_MISMATCH', p.bytes, p.sha256),
  [CUSTODY_PACKAGE_DELIVERY_INTERRUPTED]: async (p, _event, tx) => endDelivery(tx, p.deliveryId, p.at, p.reason, p.bytes, null),
};

function endDelivery(tx: PoolClient, deliveryId: string, at: string, reason: string, bytes: number, sha256: string | null) {
  return tx.query('UPDATE custody_access_register SET ended_at = $2, end_reason = $3, bytes = $4, sha256 = $5 WHERE entry_id = $1', [
    deliveryId,
    at,
    reason,
    bytes,
    sha256,
  ]);
}
