import { CUSTODY_FOOTAGE_READ_BY_SERVICE, FootageReadByService } from '@custos/contracts';
import { EventHandlers } from '@custos/eventstore';
import { PoolClient } from 'pg';
import { writeAccessRegisterEntry } from './access-register.writer';

/** The case a service read served, as the register already holds it: its unit, owner, document and cameras. */
interface CaseFacts {
  readonly evidence_item_id: string;
  readonly requesting_organisation_id: string;
  readonly requesting_division_code: string;
  readonly owner_organisation_id: string;
  readonly owner_division_code: string | null;
  readonly approval_document_number: string | null;
  readonly camera_ids: string[];
}

/**
 * A line of the access register for each `custody.FootageReadByService` (R16.6, issue 16): the
 * person is the service principal, the unit, owner, document and cameras those of the case it
 * read for (the session's register line, or the evidence item's last hand-over or the item
 * itself). The line names the session in its purpose, not in `viewing_session_id`: a session's
 * lines gain its officers and its end, a service's read does not.
 */
export const serviceReadHandlers: EventHandlers<PoolClient> = {
  [CUSTODY_FOOTAGE_READ_BY_SERVICE]: async (p, event, tx) => {
    const facts = await caseFacts(p, tx);
    await writeAccessRegisterEntry(tx, {
      entryId: event.id,
      sequence: event.sequence,
      evidenceItemId: facts?.evidence_item_id ?? '',
      kind: 'SERVICE_READ',
      organisationId: facts?.requesting_organisation_id ?? '',
      divisionCode: facts?.requesting_division_code ?? '',
      ownerOrganisationId: facts?.owner_organisation_id ?? '',
      ownerDivisionCode: facts?.owner_division_code ?? null,
      persons: [
        {
          personId: `service:${p.clientId}`,
          credentialNumber: '',
          service: p.service,
          clientId: p.clientId,
          onBehalfOf: { kind: p.onBehalfOfKind, id: p.onBehalfOfId },
        },
      ],
      at: p.at,
      purpose: `${p.reason}: ${p.source} ${p.objectId} read by ${p.service} for ${p.onBehalfOfKind} ${p.onBehalfOfId}`,
      approvalDocumentNumber: facts?.approval_document_number ?? null,
      cameraIds: facts?.camera_ids ?? [],
    });
  },
};

async function caseFacts(p: FootageReadByService, tx: PoolClient): Promise<CaseFacts | undefined> {
  if (p.onBehalfOfKind !== 'EVIDENCE_ITEM') {
    const { rows } = await tx.query<CaseFacts>(
      `SELECT evidence_item_id, requesting_organisation_id, requesting_division_code, owner_organisation_id, owner_division_code,
              approval_document_number, camera_ids
         FROM custody_access_register WHERE viewing_session_id = $1 ORDER BY sequence LIMIT 1`,
      [p.onBehalfOfId],
    );
    return rows[0];
  }
  // The unit the item was last handed to; before any hand-over, the owner holding it.
  const { rows } = await tx.query<CaseFacts>(
    `SELECT i.evidence_item_id,
            COALESCE(r.requesting_organisation_id, i.holder_organisation_id) AS requesting_organisation_id,
            COALESCE(r.requesting_division_code, i.owner_division_code, '') AS requesting_division_code,
            i.owner_organisation_id, i.owner_division_code, i.approval_document_number, i.camera_ids
       FROM custody_evidence_items i
       LEFT JOIN LATERAL (
         SELECT requesting_organisation_id, requesting_division_code FROM custody_access_register
          WHERE evidence_item_id = i.evidence_item_id AND access_kind <> 'SERVICE_READ' ORDER BY sequence DESC LIMIT 1
       ) r ON true
      WHERE i.evidence_item_id = $1`,
    [p.onBehalfOfId],
  );
  return rows[0];
}
