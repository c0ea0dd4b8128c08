import {
  APPROVAL_CASE_OPENED,
  APPROVAL_DENIED,
  APPROVAL_DOCUMENT_REVOKED,
  APPROVAL_GRANTED,
  APPROVALS_EVENTS,
  ApprovalCaseOpened,
  ApprovalDenied,
  ApprovalDocumentRevoked,
  ApprovalGranted,
  EventEnvelope,
  accessDeniedDefinition,
  quarantineResolvedDefinition,
  EventRegistry,
  eventTopic,
} from '@custos/contracts';
import { EventConsumer, EventTransport } from '@custos/eventstore';
import { Logger } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';

/**
 * Brings the approvals service's decisions into the officers' and owners' read models: the
 * officer sees an approval or a denial with its reason (R26.1), the owner's queue gets the
 * approved request with its document (R18.5). Through the inbox, a redelivery changes nothing.
 */
export function approvalDecisionsConsumer(options: {
  name: string;
  pool: Pool;
  transport: EventTransport;
  topicPrefix?: string;
}): EventConsumer {
  const logger = new Logger('Requests');
  return new EventConsumer({
    name: options.name,
    topics: [eventTopic('approvals', options.topicPrefix)],
    pool: options.pool,
    transport: options.transport,
    // Its refused accesses travel on the same topic; known, so not dead letters, and ignored here.
    registry: new EventRegistry().register(...APPROVALS_EVENTS, accessDeniedDefinition('approvals'), quarantineResolvedDefinition('approvals')),
    handle: applyDecision,
    onError: (error) => logger.error({ msg: 'approval decision not applied', reason: String((error as Error)?.message ?? error) }),
  });
}

export async function applyDecision(event: EventEnvelope, tx: PoolClient): Promise<void> {
  switch (event.type) {
    case APPROVAL_CASE_OPENED: {
      // Where the case went and by which rule, for the officers' timeline (R17.2–R17.4).
      const p = event.payload as unknown as ApprovalCaseOpened;
      await tx.query(`INSERT INTO rq_routings (request_id, opened_at, route) VALUES ($1, $2, $3) ON CONFLICT (request_id) DO NOTHING`, [
        p.requestId,
        p.openedAt,
        p.route,
      ]);
      return;
    }
    case APPROVAL_GRANTED: {
      const p = event.payload as unknown as ApprovalGranted;
      const document = p.signedDocument as { document?: { number?: string } };
      await tx.query(
        `INSERT INTO rq_decisions (request_id, decision, decided_at, approver_person_id, approver_organisation_id, document_number, signed_document, rule_pack)
         VALUES ($1, 'APPROVED', $2, $3, $4, $5, $6, $7) ON CONFLICT (request_id) DO NOTHING`,
        [p.requestId, p.decidedAt, p.approver.personId, p.approver.organisationId, document.document?.number ?? null, p.signedDocument, p.rulePack ?? null],
      );
      return;
    }
    case APPROVAL_DENIED: {
      const p = event.payload as unknown as ApprovalDenied;
      await tx.query(
        `INSERT INTO rq_decisions (request_id, decision, decided_at, reason, approver_person_id, approver_organisation_id, rule_pack)
         VALUES ($1, 'DENIED', $2, $3, $4, $5, $6) ON CONFLICT (request_id) DO NOTHING`,
        [p.requestId, p.decidedAt, p.reason, p.approver.personId, p.approver.organisationId, p.rulePack ?? null],
      );
      return;
    }
    case APPROVAL_DOCUMENT_REVOKED: {
      const p = event.payload as unknown as ApprovalDocumentRevoked;
      await tx.query(`UPDATE rq_decisions SET revoked_at = $2, revocation_reason = $3 WHERE request_id = $1 AND revoked_at IS NULL`, [
        p.requestId,
        p.revokedAt,
        p.reason,
      ]);
      return;
    }
  }
}
