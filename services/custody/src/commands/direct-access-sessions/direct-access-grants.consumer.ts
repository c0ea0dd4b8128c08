import { Logger } from '@nestjs/common';
import {
  APPROVAL_CASE_CLOSED,
  APPROVAL_CASE_OPENED,
  APPROVAL_DOCUMENT_REVOKED,
  APPROVAL_GRANTED,
  ApprovalCaseOpened,
  ApprovalDocumentRevoked,
  ApprovalGranted,
  APPROVALS_EVENTS,
  accessDeniedDefinition,
  EventEnvelope,
  EventRegistry,
  eventTopic,
} from '@custos/contracts';
import { ApprovalDocument } from '@custos/domain';
import { EventConsumer, EventTransport } from '@custos/eventstore';
import { Pool, PoolClient } from 'pg';

export const DEFAULT_DIRECT_ACCESS_CONSUMER_GROUP = 'custody.direct-access-grants';

/** Ends the open sessions of a grant whose document was revoked, in the same inbox transaction. */
export type RevokedGrantSessions = (revocation: EventEnvelope, tx: PoolClient) => Promise<unknown>;

/**
 * Learns direct-access grants from the approvals service (R17.4) into
 * `custody_direct_access_grants`: the case (who asked, which cameras, which owners), its
 * approval (the document's number and grant period), its revocation (which also cuts its open
 * sessions) or its closing. Other kinds of case are ignored. Through the inbox a redelivered
 * event changes nothing.
 */
export function directAccessGrantsConsumer(options: {
  name: string;
  pool: Pool;
  transport: EventTransport;
  topicPrefix?: string;
  endSessionsOf: RevokedGrantSessions;
}): EventConsumer {
  const logger = new Logger('Custody');
  return new EventConsumer({
    name: options.name,
    topics: [eventTopic('approvals', options.topicPrefix)],
    pool: options.pool,
    transport: options.transport,
    // The approvals service's refused accesses travel on the same topic: known, and ignored.
    registry: new EventRegistry().register(...APPROVALS_EVENTS, accessDeniedDefinition('approvals')),
    handle: (event, tx) => recordDirectAccessGrant(event, tx, options.endSessionsOf),
    onError: (error) =>
      logger.error({ msg: 'direct-access grant not recorded', reason: String((error as Error)?.message ?? error) }),
  });
}

export async function recordDirectAccessGrant(
  event: EventEnvelope,
  tx: PoolClient,
  endSessionsOf: RevokedGrantSessions,
): Promise<void> {
  const requestId = event.aggregateId;
  switch (event.type) {
    case APPROVAL_CASE_OPENED: {
      const p = event.payload as unknown as ApprovalCaseOpened;
      if (p.kind !== 'DIRECT_ACCESS') return;
      await tx.query(
        `INSERT INTO custody_direct_access_grants (request_id, status, requesting_organisation_id, requesting_division_code,
           owner_organisation_ids, camera_ids, case_reference, purpose, updated_at)
         VALUES ($1, 'PENDING', $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (request_id) DO NOTHING`,
        [requestId, p.requestingOrganisation.id, p.requestingOrganisation.divisionCode, p.ownerOrganisationIds, p.cameraIds, p.caseReference, p.purpose, event.occurredAt],
      );
      return;
    }
    case APPROVAL_GRANTED: {
      const p = event.payload as unknown as ApprovalGranted;
      const doc = p.signedDocument.document as unknown as ApprovalDocument;
      // A case that is not a direct access has no row: nothing is updated.
      await tx.query(
        `UPDATE custody_direct_access_grants SET status = 'GRANTED', approval_document_number = $2, issuing_organisation_id = $3,
           grant_from = $4, grant_to = $5, valid_until = $6, updated_at = $7
         WHERE request_id = $1 AND status = 'PENDING'`,
        [requestId, doc.number, doc.issuingOrganisationId, doc.scope.window.from, doc.scope.window.to, doc.validUntil, event.occurredAt],
      );
      return;
    }
    case APPROVAL_DOCUMENT_REVOKED: {
      const p = event.payload as unknown as ApprovalDocumentRevoked;
      // Marked first: the row lock makes a session being opened commit before we look for open ones.
      const { rowCount } = await tx.query(
        `UPDATE custody_direct_access_grants SET status = 'REVOKED', updated_at = $3
         WHERE request_id = $1 AND approval_document_number = $2 AND status = 'GRANTED'`,
        [requestId, p.number, p.revokedAt],
      );
      if (rowCount) await endSessionsOf(event, tx);
      return;
    }
    case APPROVAL_CASE_CLOSED:
      await tx.query(
        `UPDATE custody_direct_access_grants SET status = 'CLOSED', updated_at = $2 WHERE request_id = $1 AND status = 'PENDING'`,
        [requestId, event.occurredAt],
      );
      return;
  }
}
