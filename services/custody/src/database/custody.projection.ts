import {
  CUSTODY_EVIDENCE_ITEM_OPENED,
  CUSTODY_HAND_OVER_INITIATED,
  CUSTODY_HANDED_OVER,
  CUSTODY_INTEGRITY_MISMATCH_DETECTED,
  CUSTODY_RECEIVED,
  CUSTODY_TRANSFER_ACKNOWLEDGED,
  CUSTODY_TRANSFER_ATTESTED,
  CUSTODY_TRANSFER_CANCELLED,
  CUSTODY_TRANSFER_REQUESTED,
  CUSTODY_VIEWED,
  EventEnvelope,
  HandedOver,
  Viewed,
} from '@custos/contracts';
import { EventHandlers, projectionOf } from '@custos/eventstore';
import { transferMoved } from '@custos/domain';
import { PoolClient } from 'pg';
import { writeAccessRegisterEntry } from './access-register.writer';
import { deliveryHandlers } from './deliveries.projection';
import { serviceReadHandlers } from './service-reads.projection';
import { viewingHandlers, VIEWING_TABLES } from './viewing-sessions.projection';
import { directAccessHandlers, DIRECT_ACCESS_TABLES } from '../commands/direct-access-sessions/direct-access-sessions.projection';

const ITEM_ID = /^evidence-item:/;

/** The evidence item an event of its stream is about. */
const itemOf = (event: EventEnvelope): string => event.aggregateId.replace(ITEM_ID, '');

/** Moves an evidence item's row on (`set`'s parameters from $3), stamped with the event's instant. */
function updateItem(tx: PoolClient, event: EventEnvelope, set: string, params: unknown[] = []) {
  return tx.query(`UPDATE custody_evidence_items SET ${set ? `${set}, ` : ''}updated_at = $2 WHERE evidence_item_id = $1`, [
    itemOf(event),
    event.occurredAt,
    ...params,
  ]);
}

/** The evidence items as they stand, and their lines in the access register (R16.6). */
const evidenceItemHandlers: EventHandlers<PoolClient> = {
  [CUSTODY_EVIDENCE_ITEM_OPENED]: (p, event, tx) =>
    tx.query(
      `INSERT INTO custody_evidence_items (evidence_item_id, export_id, approval_document_number, request_id, kind,
         owner_organisation_id, holder_organisation_id, status, package_sha256, camera_ids, window_from, window_to, custodians, updated_at, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6, 'PREPARED', $7, $8, $9, $10, ARRAY[$6], $11, $11) ON CONFLICT DO NOTHING`,
      [itemOf(event), p.exportId, p.approvalDocumentNumber, p.requestId, p.kind, p.ownerOrganisationId, p.packageSha256, p.cameraIds, p.windowFrom, p.windowTo, event.occurredAt],
    ),
  [CUSTODY_HAND_OVER_INITIATED]: (_p, event, tx) => updateItem(tx, event, ''),
  [CUSTODY_HANDED_OVER]: (p, event, tx) => handedOver(tx, event, p),
  [CUSTODY_RECEIVED]: async (p, event, tx) => {
    if (p.match) await updateItem(tx, event, `status = 'IN_CUSTODY'`);
  },
  [CUSTODY_INTEGRITY_MISMATCH_DETECTED]: (_p, event, tx) => updateItem(tx, event, `status = 'COMPROMISED', alarm = true, pending_transfer = NULL`),
  [CUSTODY_TRANSFER_REQUESTED]: (p, event, tx) => {
    const pending = { transferId: p.transferId, toOrganisationId: p.toOrganisationId, toPersonId: p.toPersonId ?? null, purpose: p.purpose, requestedAt: p.requestedAt, attestedBy: null };
    return updateItem(tx, event, 'pending_transfer = $3', [JSON.stringify(pending)]);
  },
  [CUSTODY_TRANSFER_ATTESTED]: async (p, event, tx) => {
    if (p.match) await updateItem(tx, event, `pending_transfer = pending_transfer || jsonb_build_object('attestedBy', $3::text)`, [p.officer.personId]);
  },
  [CUSTODY_TRANSFER_CANCELLED]: (_p, event, tx) => updateItem(tx, event, 'pending_transfer = NULL'),
  [CUSTODY_TRANSFER_ACKNOWLEDGED]: async (p, event, tx) => {
    await updateItem(tx, event, 'pending_transfer = NULL');
    if (!transferMoved(p)) return;
    await updateItem(tx, event, 'holder_organisation_id = $3, custodians = array_append(custodians, $3)', [p.toOrganisationId]);
  },
  [CUSTODY_VIEWED]: (p, event, tx) => viewed(tx, event, p),
};

async function handedOver(tx: PoolClient, event: EventEnvelope, p: HandedOver): Promise<void> {
  const { rows } = await tx.query(
    `UPDATE custody_evidence_items SET status = 'HANDED_OVER', holder_organisation_id = $2, owner_division_code = $3,
       custodians = array_append(custodians, $2), updated_at = $4
     WHERE evidence_item_id = $1 RETURNING owner_organisation_id, camera_ids`,
    [itemOf(event), p.receivingOrganisationId, p.ownerDivisionCode ?? null, event.occurredAt],
  );
  await writeAccessRegisterEntry(tx, {
    entryId: event.id,
    sequence: event.sequence,
    evidenceItemId: itemOf(event),
    kind: p.kind,
    at: p.handedOverAt,
    organisationId: p.receivingOrganisationId,
    divisionCode: p.receivingDivisionCode,
    persons: p.officers.map((o) => ({ personId: o.personId, credentialNumber: o.credentialNumber })),
    purpose: p.purpose,
    approvalDocumentNumber: p.approvalDocumentNumber,
    ownerOrganisationId: rows[0]?.owner_organisation_id ?? p.fromOrganisationId,
    ownerDivisionCode: p.ownerDivisionCode ?? null,
    cameraIds: rows[0]?.camera_ids ?? [],
  });
}

async function viewed(tx: PoolClient, event: EventEnvelope, p: Viewed): Promise<void> {
  const { rows } = await tx.query(
    'SELECT owner_organisation_id, owner_division_code, approval_document_number, camera_ids FROM custody_evidence_items WHERE evidence_item_id = $1',
    [itemOf(event)],
  );
  await writeAccessRegisterEntry(tx, {
    entryId: event.id,
    sequence: event.sequence,
    evidenceItemId: itemOf(event),
    kind: 'VIEW',
    at: p.viewedAt,
    organisationId: p.organisationId,
    divisionCode: p.divisionCode,
    persons: p.officers.map((o) => ({ personId: o.personId, credentialNumber: o.credentialNumber })),
    purpose: p.purpose,
    approvalDocumentNumber: rows[0]?.approval_document_number ?? null,
    ownerOrganisationId: rows[0]?.owner_organisation_id ?? '',
    ownerDivisionCode: rows[0]?.owner_division_code ?? null,
    cameraIds: rows[0]?.camera_ids ?? [],
  });
}

/**
 * The read models of custody, from its own log: the evidence items as they stand, and the
 * access register (R16.6) with one entry per copy or retrieval handed over and per view:
 * requesting unit, persons with their credentials, time and purpose; the viewing and
 * direct-access sessions, the deliveries and the services' reads (each type has one handler).
 */
export const custodyProjection = projectionOf({
  name: 'custody.read-models',
  tables: ['custody_evidence_items', 'custody_access_register', ...VIEWING_TABLES, ...DIRECT_ACCESS_TABLES],
  handlers: { ...viewingHandlers, ...deliveryHandlers, ...directAccessHandlers, ...serviceReadHandlers, ...evidenceItemHandlers },
});
