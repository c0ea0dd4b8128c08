import { Principal } from '@custos/auth';
import { isHeadAt, ORGANISATION_LEVELS, parseDivisionCode, territorialJurisdictionOf } from '@custos/domain';
import { Pool } from 'pg';
import { ApprovalsRegistryFacts } from '../../registry/registry-facts.port';
import { ApprovalQueueQueryDto } from './approval-queue.request.dto';

export interface ApprovalCaseView {
  readonly requestId: string;
  readonly kind: string;
  readonly rule: string;
  readonly requestingOrganisation: { id: string; type: string; divisionCode: string };
  readonly signerPersonIds: string[];
  readonly cameraIds: string[];
  readonly imageSystemIds: string[];
  readonly window: { from: string; to: string };
  readonly caseReference: string;
  readonly purpose: string;
  readonly openedAt: string;
  readonly ageMs: number;
  /** The rule pack the case was routed under (issue 21); absent for cases opened before. */
  readonly rulePack?: { readonly id: string; readonly version: string };
}

/**
 * An approver's queue (R17.2–R17.4): the open cases whose route the approver's organ satisfies
 * (type, level, the organ itself, territorial competence: jurisdiction over the requester or
 * over every system's location), minus those the approver
 * signed (R27.1), oldest first. Only a head in office now has a queue; competence is checked
 * again, at the instant of decision, when they decide.
 */
export class ApprovalQueue {
  constructor(
    private readonly pool: Pool,
    private readonly facts: ApprovalsRegistryFacts,
  ) {}

  async forApprover(principal: Principal, query: ApprovalQueueQueryDto, now: Date): Promise<{ head: boolean; items: ApprovalCaseView[] }> {
    const org = await this.facts.organisation(principal.organisationId);
    if (org === undefined || !isHeadAt(await this.facts.headTerms(org.id), principal.personId, org.id, now)) return { head: false, items: [] };
    // The territorial-competence policy: an organ whose level and code disagree covers nothing.
    const jurisdiction = territorialJurisdictionOf(org);
    const division = jurisdiction === null ? null : parseDivisionCode(jurisdiction);
    const params: unknown[] = [
      org.type,
      ORGANISATION_LEVELS.indexOf(org.level),
      org.id,
      division?.ok ? division.value.prefix : 'x',
      principal.personId,
      query.limit ?? 50,
      query.offset ?? 0,
    ];
    const filters: string[] = [];
    if (query.kind) filters.push(`kind = $${params.push(query.kind)}`);
    if (query.requestingOrganisationId) filters.push(`requester_organisation_id = $${params.push(query.requestingOrganisationId)}`);
    if (query.openedFrom) filters.push(`opened_at >= $${params.push(query.openedFrom)}`);
    if (query.openedBefore) filters.push(`opened_at < $${params.push(query.openedBefore)}`);
    const { rows } = await this.pool.query(
      `SELECT request_id, kind, route_rule, requester_organisation_id, requester_organisation_type, requester_division_code,
              signer_person_ids, camera_ids, image_system_ids, window_from, window_to, case_reference, purpose, opened_at, rule_pack
       FROM ap_cases
       WHERE status = 'OPEN'
         AND $1 = ANY (approver_org_types)
         AND (min_level_rank IS NULL OR min_level_rank <= $2)
         AND (must_be_org_id IS NULL OR must_be_org_id = $3)
         AND (jurisdiction_must_contain IS NULL OR starts_with(jurisdiction_must_contain, $4)
              OR (cardinality(system_division_codes) > 0
                  AND NOT EXISTS (SELECT 1 FROM unnest(system_division_codes) AS place WHERE NOT starts_with(place, $4))))
         AND NOT ($5 = ANY (signer_person_ids))
         ${filters.map((f) => `AND ${f}`).join(' ')}
       ORDER BY opened_at, request_id
       LIMIT $6 OFFSET $7`,
      params,
    );
    return {
      head: true,
      items: rows.map((r) => ({
        requestId: r.request_id,
        kind: r.kind,
        rule: r.route_rule,
        requestingOrganisation: { id: r.requester_organisation_id, type: r.requester_organisation_type, divisionCode: r.requester_division_code },
        signerPersonIds: r.signer_person_ids,
        cameraIds: r.camera_ids,
        imageSystemIds: r.image_system_ids,
        window: { from: r.window_from.toISOString(), to: r.window_to.toISOString() },
        caseReference: r.case_reference,
        purpose: r.purpose,
        openedAt: r.opened_at.toISOString(),
        ageMs: now.getTime() - r.opened_at.getTime(),
        // The text the case was routed under (issue 21); absent for cases opened before.
        ...(r.rule_pack ? { rulePack: r.rule_pack as { id: string; version: string } } : {}),
      })),
    };
  }
}
