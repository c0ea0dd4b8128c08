import {
  APPROVAL_CASE_OPENED,
  APPROVAL_DENIED,
  APPROVAL_DOCUMENT_REVOKED,
  APPROVAL_GRANTED,
  APPROVALS_EVENTS,
} from '@custos/contracts';
import { EventConsumer, handleByType, TopicConsumerOptions } from '@custos/eventstore';
import { upstreamTopicConsumer } from './upstream-topic.consumer';

/**
 * Brings the approvals service's decisions into the officers' and owners' read models: the
 * officer sees an approval or a denial with its reason (R26.1), the owner's queue gets the
 * approved request with its document (R18.5). Through the inbox, a redelivery changes nothing.
 */
export function approvalDecisionsConsumer(options: TopicConsumerOptions): EventConsumer {
  return upstreamTopicConsumer(options, 'approvals', APPROVALS_EVENTS, applyDecision, 'approval decision not applied');
}

/** What the officers' and owners' read models keep of the approvals service's decisions. */
export const applyDecision = handleByType({
  [APPROVAL_CASE_OPENED]: (p, _event, tx) =>
    // Where the case went and by which rule, for the officers' timeline (R17.2–R17.4).
    tx.query(`INSERT INTO rq_routings (request_id, opened_at, route) VALUES ($1, $2, $3) ON CONFLICT (request_id) DO NOTHING`, [
      p.requestId,
      p.openedAt,
      p.route,
    ]),
  [APPROVAL_GRANTED]: (p, _event, tx) => {
    const document = p.signedDocument as { document?: { number?: string } };
    return tx.query(
      `INSERT INTO rq_decisions (request_id, decision, decided_at, approver_person_id, approver_organisation_id, document_number, signed_document, rule_pack)
       VALUES ($1, 'APPROVED', $2, $3, $4, $5, $6, $7) ON CONFLICT (request_id) DO NOTHING`,
      [p.requestId, p.decidedAt, p.approver.personId, p.approver.organisationId, document.document?.number ?? null, p.signedDocument, p.rulePack ?? null],
    );
  },
  [APPROVAL_DENIED]: (p, _event, tx) =>
    tx.query(
      `INSERT INTO rq_decisions (request_id, decision, decided_at, reason, approver_person_id, approver_organisation_id, rule_pack)
       VALUES ($1, 'DENIED', $2, $3, $4, $5, $6) ON CONFLICT (request_id) DO NOTHING`,
      [p.requestId, p.decidedAt, p.reason, p.approver.personId, p.approver.organisationId, p.rulePack ?? null],
    ),
  [APPROVAL_DOCUMENT_REVOKED]: (p, _event, tx) =>
    tx.query(`UPDATE rq_decisions SET revoked_at = $2, revocation_reason = $3 WHERE request_id = $1 AND revoked_at IS NULL`, [
      p.requestId,
      p.revokedAt,
      p.reason,
    ]),
});
