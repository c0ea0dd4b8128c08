import {
  APPROVAL_CASE_CLOSED,
  APPROVAL_CASE_OPENED,
  APPROVAL_DOCUMENT_REVOKED,
  APPROVAL_GRANTED,
  ApprovalDocumentRevoked,
  APPROVALS_EVENTS,
  accessDeniedDefinition,
  EventEnvelope,
  EventRegistry,
} from '@custos/contracts';
import { isSignedApprovalDocument } from '@custos/domain';
import { dispatchEvent, EventConsumer, EventHandlers, topicConsumer, TopicConsumerOptions } from '@custos/eventstore';
import { PoolClient } from 'pg';

export const DEFAULT_DIRECT_ACCESS_CONSUMER_GROUP = 'custody.direct-access-grants';

/** Ends the open sessions of a grant whose document was revoked, in the same inbox transaction; given the revocation and its payload, typed. */
export type RevokedGrantSessions = (revocation: EventEnvelope, tx: PoolClient, payload: ApprovalDocumentRevoked) => Promise<unknown>;

/**
 * Learns direct-access grants from the approvals service (R17.4) into
 * `custody_direct_access_grants`: the case (who asked, which cameras, which owners), its
 * approval (the document's number and grant period), its revocation (which also cuts its open
 * sessions) or its closing. Other kinds of case are ignored. Through the inbox a redelivered
 * event changes nothing.
 */
export function directAccessGrantsConsumer(options: TopicConsumerOptions & { endSessionsOf: RevokedGrantSessions }): EventConsumer {
  return topicConsumer({
    ...options,
    from: 'approvals',
    // The approvals service's refused accesses travel on the same topic: known, and ignored.
    registry: new EventRegistry().register(...APPROVALS_EVENTS, accessDeniedDefinition('approvals')),
    handle: (event, tx) => recordDirectAccessGrant(event, tx, options.endSessionsOf),
    log: { context: 'Custody', failure: 'direct-access grant not recorded' },
  });
}

export async function recordDirectAccessGrant(event: EventEnvelope, tx: PoolClient, endSessionsOf: RevokedGrantSessions): Promise<void> {
  await dispatchEvent(grantRecords, event, { tx, endSessionsOf });
}

const grantRecords: EventHandlers<{ tx: PoolClient; endSessionsOf: RevokedGrantSessions }> = {
  [APPROVAL_CASE_OPENED]: async (p, event, { tx }) => {
    if (p.kind !== 'DIRECT_ACCESS') return;
    await tx.query(
      `INSERT INTO custody_direct_access_grants (request_id, status, requesting_organisation_id, requesting_division_code,
         owner_organisation_ids, camera_ids, case_reference, purpose, updated_at)
       VALUES ($1, 'PENDING', $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (request_id) DO NOTHING`,
      [event.aggregateId, p.requestingOrganisation.id, p.requestingOrganisation.divisionCode, p.ownerOrganisationIds, p.cameraIds, p.caseReference, p.purpose, event.occurredAt],
    );
  },
  [APPROVAL_GRANTED]: (p, event, { tx }) => {
    // The approvals service signed it: anything else is a broken producer, retried and reported, never recorded.
    if (!isSignedApprovalDocument(p.signedDocument)) throw new Error(`approval ${event.aggregateId} was granted without a signed document`);
    const doc = p.signedDocument.document;
    // A case that is not a direct access has no row: nothing is updated.
    return tx.query(
      `UPDATE custody_direct_access_grants SET status = 'GRANTED', approval_document_number = $2, issuing_organisation_id = $3,
         grant_from = $4, grant_to = $5, valid_until = $6, updated_at = $7
       WHERE request_id = $1 AND status = 'PENDING'`,
      [event.aggregateId, doc.number, doc.issuingOrganisationId, doc.scope.window.from, doc.scope.window.to, doc.validUntil, event.occurredAt],
    );
  },
  [APPROVAL_DOCUMENT_REVOKED]: async (p, event, { tx, endSessionsOf }) => {
    // Marked first: the row lock makes a session being opened commit before we look for open ones.
    const { rowCount } = await tx.query(
      `UPDATE custody_direct_access_grants SET status = 'REVOKED', updated_at = $3
       WHERE request_id = $1 AND approval_document_number = $2 AND status = 'GRANTED'`,
      [event.aggregateId, p.number, p.revokedAt],
    );
    if (rowCount) await endSessionsOf(event, tx, p);
  },
  [APPROVAL_CASE_CLOSED]: (_p, event, { tx }) =>
    tx.query(`UPDATE custody_direct_access_grants SET status = 'CLOSED', updated_at = $2 WHERE request_id = $1 AND status = 'PENDING'`, [
      event.aggregateId,
      event.occurredAt,
    ]),
};
