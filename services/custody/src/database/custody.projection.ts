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
  EvidenceItemOpened,
  HandedOver,
  Received,
  TransferAcknowledged,
  TransferAttested,
  TransferRequested,
  Viewed,
} from '@custos/contracts';
import { Projection } from '@custos/eventstore';
import { transferMoved } from '../domain/evidence-item.aggregate';
import { PoolClient } from 'pg';
import { writeAccessRegisterEntry } from './access-register.writer';
import { applyDeliveryEvent } from './deliveries.projection';
import { applyServiceReadEvent } from './service-reads.projection';
import { applyViewingEvent, VIEWING_TABLES } from './viewing-sessions.projection';
import {
  applyDirectAccessEvent,
  DIRECT_ACCESS_TABLES,
} from '../commands/direct-access-sessions/direct-access-sessions.projection';

const ITEM_ID = /^evidence-item:/;

/**
 * The read models of custody, from its own log: the evidence items as they stand, and the
 * access register (R16.6) with one entry per copy or retrieval handed over and per view:
 * requesting unit, persons with their credentials, time and purpose.
 */
export const custodyProjection: Projection = {
  name: 'custody.read-models',
  tables: ['custody_evidence_items', 'custody_access_register', ...VIEWING_TABLES, ...DIRECT_ACCESS_TABLES],


  async apply(event: EventEnvelope, tx: PoolClient): Promise<void> {
    if (await applyViewingEvent(event, tx)) return;
    if (await applyDeliveryEvent(event, tx)) return;
    if (await applyDirectAccessEvent(event, tx)) return;
    if (await applyServiceReadEvent(event, tx)) return;
    const id = event.aggregateId.replace(ITEM_ID, '');
    const at = event.occurredAt;
    switch (event.type) {
      case CUSTODY_EVIDENCE_ITEM_OPENED: {
        const p = event.payload as unknown as EvidenceItemOpened;
        await tx.query(
          `INSERT INTO custody_evidence_items (evidence_item_id, export_id, approval_document_number, request_id, kind,
             owner_organisation_id, holder_organisation_id, status, package_sha256, camera_ids, window_from, window_to, custodians, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $6, 'PREPARED', $7, $8, $9, $10, ARRAY[$6], $11) ON CONFLICT DO NOTHING`,
          [id, p.exportId, p.approvalDocumentNumber, p.requestId, p.kind, p.ownerOrganisationId, p.packageSha256, p.cameraIds, p.windowFrom, p.windowTo, at],
        );
        return;
      }
      case CUSTODY_HAND_OVER_INITIATED:
        await tx.query('UPDATE custody_evidence_items SET updated_at = $2 WHERE evidence_item_id = $1', [id, at]);
        return;
      case CUSTODY_HANDED_OVER: {
        const p = event.payload as unknown as HandedOver;
        const { rows } = await tx.query(
          `UPDATE custody_evidence_items SET status = 'HANDED_OVER', holder_organisation_id = $2, owner_division_code = $3,
             custodians = array_append(custodians, $2), updated_at = $4
           WHERE evidence_item_id = $1 RETURNING owner_organisation_id, camera_ids`,
          [id, p.receivingOrganisationId, p.ownerDivisionCode ?? null, at],
        );
        await writeAccessRegisterEntry(tx, {
          entryId: event.id,
          sequence: event.sequence,
          evidenceItemId: id,
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
        return;
      }
      case CUSTODY_RECEIVED: {
        const p = event.payload as unknown as Received;
        if (p.match) await tx.query(`UPDATE custody_evidence_items SET status = 'IN_CUSTODY', updated_at = $2 WHERE evidence_item_id = $1`, [id, at]);
        return;
      }
      case CUSTODY_INTEGRITY_MISMATCH_DETECTED:
        await tx.query(
          `UPDATE custody_evidence_items SET status = 'COMPROMISED', alarm = true, pending_transfer = NULL, updated_at = $2 WHERE evidence_item_id = $1`,
          [id, at],
        );
        return;
      case CUSTODY_TRANSFER_REQUESTED: {
        const p = event.payload as unknown as TransferRequested;
        const pending = { transferId: p.transferId, toOrganisationId: p.toOrganisationId, toPersonId: p.toPersonId ?? null, purpose: p.purpose, requestedAt: p.requestedAt, attestedBy: null };
        await tx.query('UPDATE custody_evidence_items SET pending_transfer = $3, updated_at = $2 WHERE evidence_item_id = $1', [id, at, JSON.stringify(pending)]);
        return;
      }
      case CUSTODY_TRANSFER_ATTESTED: {
        const p = event.payload as unknown as TransferAttested;
        if (!p.match) return;
        await tx.query(
          `UPDATE custody_evidence_items SET pending_transfer = pending_transfer || jsonb_build_object('attestedBy', $3::text), updated_at = $2 WHERE evidence_item_id = $1`,
          [id, at, p.officer.personId],
        );
        return;
      }
      case CUSTODY_TRANSFER_CANCELLED:
        await tx.query('UPDATE custody_evidence_items SET pending_transfer = NULL, updated_at = $2 WHERE evidence_item_id = $1', [id, at]);
        return;
      case CUSTODY_TRANSFER_ACKNOWLEDGED: {
        const p = event.payload as unknown as TransferAcknowledged;
        await tx.query('UPDATE custody_evidence_items SET pending_transfer = NULL, updated_at = $2 WHERE evidence_item_id = $1', [id, at]);
        if (!transferMoved(p)) return;
        await tx.query(
          `UPDATE custody_evidence_items SET holder_organisation_id = $2, custodians = array_append(custodians, $2), updated_at = $3
           WHERE evidence_item_id = $1`,
          [id, p.toOrganisationId, at],
        );
        return;
      }
      case CUSTODY_VIEWED: {
        const p = event.payload as unknown as Viewed;
        const { rows } = await tx.query(
          'SELECT owner_organisation_id, owner_division_code, approval_document_number, camera_ids FROM custody_evidence_items WHERE evidence_item_id = $1',
          [id],
        );
        await writeAccessRegisterEntry(tx, {
          entryId: event.id,
          sequence: event.sequence,
          evidenceItemId: id,
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
        return;
      }
    }
  },
};
