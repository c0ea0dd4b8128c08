import {
  APPROVAL_CASE_CLOSED,
  APPROVAL_CASE_OPENED,
  APPROVAL_DENIED,
  APPROVAL_DOCUMENT_REVOKED,
  APPROVAL_GRANTED,
  ApprovalCaseClosed,
  ApprovalCaseOpened,
  ApprovalDenied,
  ApprovalDocumentRevoked,
  ApprovalGranted,
  EventEnvelope,
} from '@custos/contracts';
import { ORGANISATION_LEVELS, OrganisationLevel, parseDivisionCode } from '@custos/domain';
import { Projection } from '@custos/eventstore';
import { PoolClient } from 'pg';

/**
 * The approver queue and the document register, from the service's own events. Applied in
 * the transaction of each append (the queue never lags a decision); idempotent, so a
 * `ProjectionRunner` rebuild replays cleanly. The route is stored as columns so that an
 * approver's queue is one indexed query: organ type, level rank, organ, jurisdiction prefix.
 */
export const approvalsProjection: Projection = {
  name: 'approvals.read-model',
  tables: ['ap_cases'],
  async setup(tx: PoolClient): Promise<void> {
    await tx.query(`
      CREATE TABLE IF NOT EXISTS ap_cases (
        request_id text PRIMARY KEY,
        version integer NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        requester_organisation_id text NOT NULL,
        requester_organisation_type text NOT NULL,
        requester_division_code text NOT NULL,
        route_rule text NOT NULL,
        approver_org_types text[] NOT NULL,
        min_level_rank integer,
        must_be_org_id text,
        jurisdiction_must_contain text,
        signer_person_ids text[] NOT NULL,
        camera_ids text[] NOT NULL,
        image_system_ids text[] NOT NULL,
        owner_organisation_ids text[] NOT NULL,
        window_from timestamptz NOT NULL,
        window_to timestamptz NOT NULL,
        case_reference text NOT NULL,
        purpose text NOT NULL,
        opened_at timestamptz NOT NULL,
        decided_at timestamptz,
        decision_reason text,
        approver_person_id text,
        approver_organisation_id text,
        document_number text,
        signed_document jsonb,
        revoked_at timestamptz,
        revocation_reason text
      );
      CREATE INDEX IF NOT EXISTS ap_cases_open_queue ON ap_cases (opened_at, request_id) WHERE status = 'OPEN';
      CREATE INDEX IF NOT EXISTS ap_cases_open_by_requester ON ap_cases (requester_organisation_id, opened_at, request_id) WHERE status = 'OPEN';
      CREATE INDEX IF NOT EXISTS ap_cases_open_by_kind ON ap_cases (kind, opened_at, request_id) WHERE status = 'OPEN';
      CREATE INDEX IF NOT EXISTS ap_cases_documents ON ap_cases (approver_organisation_id, document_number) WHERE document_number IS NOT NULL;
      -- Where the systems stand (territorial competence, R17.3 policy); added after the table's first release.
      ALTER TABLE ap_cases ADD COLUMN IF NOT EXISTS system_division_codes text[];
      -- The credentials the signers showed (R18.2), for the head's queue; added for the console.
      ALTER TABLE ap_cases ADD COLUMN IF NOT EXISTS signer_credential_numbers text[];
      -- The public verification of a printed document looks it up by its own id (R18.5).
      CREATE INDEX IF NOT EXISTS ap_cases_document_id ON ap_cases ((signed_document->'document'->>'documentId')) WHERE signed_document IS NOT NULL;
      -- The decided cases of an approver's organ, newest first (the head's register of decisions).
      CREATE INDEX IF NOT EXISTS ap_cases_decided_by_organ ON ap_cases (approver_organisation_id, decided_at DESC, request_id) WHERE status <> 'OPEN';
      -- The rule pack the case was routed under (issue 21); cases projected before hold none.
      ALTER TABLE ap_cases ADD COLUMN IF NOT EXISTS rule_pack jsonb;
    `);
  },
  async apply(event: EventEnvelope, tx: PoolClient): Promise<void> {
    const update = (set: string, params: unknown[]) =>
      tx.query(`UPDATE ap_cases SET version = $2, ${set} WHERE request_id = $1 AND version < $2`, [event.aggregateId, event.aggregateVersion, ...params]);
    switch (event.type) {
      case APPROVAL_CASE_OPENED: {
        const p = event.payload as unknown as ApprovalCaseOpened;
        const mustContain = p.route.jurisdictionMustContain;
        const parsed = mustContain === null ? null : parseDivisionCode(mustContain);
        // Normalised like the requester's code; an invalid one becomes a prefix nobody's division starts.
        const places = p.route.systemDivisionCodes?.map((code) => {
          const place = parseDivisionCode(code);
          return place.ok ? place.value.code : 'invalid';
        });
        await tx.query(
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
        return;
      }
      case APPROVAL_GRANTED: {
        const p = event.payload as unknown as ApprovalGranted;
        const number = (p.signedDocument as { document?: { number?: string } }).document?.number ?? null;
        await update(
          `status = 'APPROVED', decided_at = $3, approver_person_id = $4, approver_organisation_id = $5, document_number = $6, signed_document = $7`,
          [p.decidedAt, p.approver.personId, p.approver.organisationId, number, p.signedDocument],
        );
        return;
      }
      case APPROVAL_DENIED: {
        const p = event.payload as unknown as ApprovalDenied;
        await update(`status = 'DENIED', decided_at = $3, approver_person_id = $4, approver_organisation_id = $5, decision_reason = $6`, [
          p.decidedAt,
          p.approver.personId,
          p.approver.organisationId,
          p.reason,
        ]);
        return;
      }
      case APPROVAL_CASE_CLOSED: {
        const p = event.payload as unknown as ApprovalCaseClosed;
        await update(`status = 'CLOSED', decided_at = $3, decision_reason = $4`, [p.closedAt, p.reason]);
        return;
      }
      case APPROVAL_DOCUMENT_REVOKED: {
        const p = event.payload as unknown as ApprovalDocumentRevoked;
        await update(`revoked_at = $3, revocation_reason = $4`, [p.revokedAt, p.reason]);
        return;
      }
    }
  },
};

/** The requests the approvals service has heard of, kept until they are co-signed (consumer state). */
export const REQUEST_FACTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS ap_request_facts (
  request_id text PRIMARY KEY,
  filed jsonb NOT NULL
);`;
