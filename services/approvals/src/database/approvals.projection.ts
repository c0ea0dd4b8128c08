import {
  APPROVAL_CASE_CLOSED,
  APPROVAL_CASE_OPENED,
  APPROVAL_DENIED,
  APPROVAL_DOCUMENT_REVOKED,
  APPROVAL_GRANTED,
  ApprovalCaseOpened,
  EventEnvelope,
} from '@custos/contracts';
import { ORGANISATION_LEVELS, OrganisationLevel, parseDivisionCode } from '@custos/domain';
import { projectionOf } from '@custos/eventstore';
import { PoolClient } from 'pg';

/**
 * The approver queue and the document register, from the service's own events. Applied in
 * the transaction of each append (the queue never lags a decision); idempotent, so a
 * `ProjectionRunner` rebuild replays cleanly. The route is stored as columns so that an
 * approver's queue is one indexed query: organ type, level rank, organ, jurisdiction prefix.
 */
export const approvalsProjection = projectionOf({
  name: 'approvals.read-model',
  tables: ['ap_cases'],
  handlers: {
    [APPROVAL_CASE_OPENED]: (p, event, tx) => insertCase(tx, event, p),
    [APPROVAL_GRANTED]: (p, event, tx) => {
      const number = (p.signedDocument as { document?: { number?: string } }).document?.number ?? null;
      return update(
        tx,
        event,
        `status = 'APPROVED', decided_at = $3, approver_person_id = $4, approver_organisation_id = $5, document_number = $6, signed_document = $7`,
        [p.decidedAt, p.approver.personId, p.approver.organisationId, number, p.signedDocument],
      );
    },
    [APPROVAL_DENIED]: (p, event, tx) =>
      update(tx, event, `status = 'DENIED', decided_at = $3, approver_person_id = $4, approver_organisation_id = $5, decision_reason = $6`, [
        p.decidedAt,
        p.approver.personId,
        p.approver.organisationId,
        p.reason,
      ]),
    [APPROVAL_CASE_CLOSED]: (p, event, tx) => update(tx, event, `status = 'CLOSED', decided_at = $3, decision_reason = $4`, [p.closedAt, p.reason]),
    [APPROVAL_DOCUMENT_REVOKED]: (p, event, tx) => update(tx, event, `revoked_at = $3, revocation_reason = $4`, [p.revokedAt, p.reason]),
  },
});

function update(tx: PoolClient, event: EventEnvelope, set: string, params: unknown[]) {
  return tx.query(`UPDATE ap_cases SET version = $2, ${set} WHERE request_id = $1 AND version < $2`, [event.aggregateId, event.aggregateVersion, ...params]);
}

function insertCase(tx: PoolClient, event: EventEnvelope, p: ApprovalCaseOpened) {
  const mustContain = p.route.jurisdictionMustContain;
  const parsed = mustContain === null ? null : parseDivisionCode(mustContain);
  // Normalised like the requester's code; an invalid one becomes a prefix nobody's division starts.
  const places = p.route.systemDivisionCodes?.map((code) => {
    const place = parseDivisionCode(code);
    return place.ok ? place.value.code : 'invalid';
  });
  return tx.query(
    `INSERT INTO ap_cases (request_id, version, kind, status, requester_organisation_id, requester_organisation_type,
       requester_division_code, route_rule, approver_org_types, min_level_rank, must_be_org_id, jurisdiction_must_contain,
       signer_person_ids, camera_ids, image_system_ids, owner_organisation_ids, window_from, window_to, case_reference,
       purpose, opened_at, system_division_codes, signer_credential_numbers, rule_pack)
     VALUES ($1, $2, $3, 'OPEN', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
     ON CONFLICT (request_id) DO NOTHING`,
    [
      event.aggregateId,
      event.aggregateVersion,
      p.kind,
      p.requestingOrganisation.id,
      p.requestingOrganisation.type,
      p.requestingOrganisation.divisionCode,
      p.route.rule,
      p.route.approverOrgTypes,
      p.route.minLevel === null ? null : ORGANISATION_LEVELS.indexOf(p.route.minLevel as OrganisationLevel),
      p.route.mustBeOrgId,
      // An invalid code must grant no jurisdiction: it becomes a prefix nobody's division starts.
      parsed === null ? null : parsed.ok ? parsed.value.code : 'invalid',
      p.signerPersonIds,
      p.cameraIds,
      p.imageSystemIds,
      p.ownerOrganisationIds,
      p.window.from,
      p.window.to,
      p.caseReference,
      p.purpose,
      p.openedAt,
      places ?? null,
      p.signerCredentialNumbers ?? null,
      p.rulePack ?? null,
    ],
  );
}
