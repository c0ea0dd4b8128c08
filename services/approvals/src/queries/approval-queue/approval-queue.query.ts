import { Principal } from '@custos/auth';
import { afterCursorSql, decodeCursor, Page, pageLimit, pageOf } from '@custos/platform';
import { isHeadAt, ORGANISATION_LEVELS, parseDivisionCode, territorialJurisdictionOf } from '@custos/domain';
import { Pool } from 'pg';
import { ApprovalsRegistryFacts, Names } from '../../registry/registry-facts.port';
import { ApprovalQueueQueryDto } from './approval-queue.request.dto';

export interface CaseSignerView {
  readonly role: 'FILER' | 'CO_SIGNER';
  readonly personId: string;
  readonly name: string | null;
  /** The credential number the officer showed when signing (R18.2); null on cases opened before it was recorded. */
  readonly credentialNumber: string | null;
}

export interface CaseRoutingView {
  /** The rule that routed the case (R17.2, R17.3, R17.4). */
  readonly rule: string;
  readonly approverOrgTypes: string[];
  readonly minLevel: string | null;
  readonly mustBeOrgId: string | null;
  readonly jurisdictionMustContain: string | null;
  /** Where the systems stand, when the route may also be satisfied by jurisdiction over every one of them. */
  readonly systemDivisionCodes: string[];
  /** The route in one English sentence, for API clients; the console words it from the fields above. */
  readonly reason: string;
}

export interface CaseDecisionView {
  readonly decidedAt: string;
  readonly approverPersonId: string | null;
  readonly approverOrganisationId: string | null;
  readonly reason: string | null;
  readonly documentNumber: string | null;
  readonly documentId: string | null;
  readonly revokedAt: string | null;
  readonly revocationReason: string | null;
}

export interface ApprovalCaseView {
  readonly requestId: string;
  readonly kind: string;
  readonly status: string;
  /** The routing rule, as `routing.rule` (kept for earlier clients). */
  readonly rule: string;
  readonly routing: CaseRoutingView;
  readonly requestingOrganisation: { id: string; type: string; divisionCode: string; name: string | null };
  readonly signerPersonIds: string[];
  readonly signers: CaseSignerView[];
  readonly cameraIds: string[];
  readonly cameras: { id: string; name: string | null }[];
  readonly imageSystemIds: string[];
  readonly window: { from: string; to: string };
  readonly caseReference: string;
  readonly purpose: string;
  readonly openedAt: string;
  readonly ageMs: number;
  readonly decision: CaseDecisionView | null;
  /** The rule pack the case was routed under (issue 21); absent for cases opened before. */
  readonly rulePack?: { readonly id: string; readonly version: string };
}

export interface ApprovalQueuePage extends Page<ApprovalCaseView> {
  readonly head: boolean;
}

export interface ApprovalQueueCounts {
  readonly head: boolean;
  readonly total: number;
  readonly byKind: { COPY: number; RETRIEVE: number; DIRECT_ACCESS: number };
  readonly oldestOpenedAt: string | null;
}

/** A row of ap_cases as COLUMNS selects it. */
interface CaseRow {
  request_id: string;
  kind: string;
  status: string;
  route_rule: string;
  approver_org_types: string[];
  min_level_rank: number | null;
  must_be_org_id: string | null;
  jurisdiction_must_contain: string | null;
  system_division_codes: string[] | null;
  requester_organisation_id: string;
  requester_organisation_type: string;
  requester_division_code: string;
  signer_person_ids: string[];
  signer_credential_numbers: string[] | null;
  camera_ids: string[];
  image_system_ids: string[];
  window_from: Date;
  window_to: Date;
  case_reference: string;
  purpose: string;
  opened_at: Date;
  decided_at: Date | null;
  approver_person_id: string | null;
  approver_organisation_id: string | null;
  decision_reason: string | null;
  document_number: string | null;
  document_id: string | null;
  revoked_at: Date | null;
  revocation_reason: string | null;
  rule_pack: { id: string; version: string } | null;
}

const COLUMNS = `request_id, kind, status, route_rule, approver_org_types, min_level_rank, must_be_org_id, jurisdiction_must_contain,
  system_division_codes, requester_organisation_id, requester_organisation_type, requester_division_code, signer_person_ids,
  signer_credential_numbers, camera_ids, image_system_ids, window_from, window_to, case_reference, purpose, opened_at, decided_at,
  approver_person_id, approver_organisation_id, decision_reason, document_number, signed_document->'document'->>'documentId' AS document_id,
  revoked_at, revocation_reason, rule_pack`;

/**
 * An approver's queue (R17.2–R17.4): the open cases whose route the approver's organ satisfies
 * (type, level, the organ itself, territorial competence: jurisdiction over the requester or
 * over every system's location), minus those the approver
 * signed (R27.1), oldest first. Only a head in office now has a queue; competence is checked
 * again, at the instant of decision, when they decide. With `status` APPROVED or DENIED, the
 * cases the approver's organ decided, newest first.
 */
export class ApprovalQueue {
  constructor(
    private readonly pool: Pool,
    private readonly facts: ApprovalsRegistryFacts,
  ) {}

  async forApprover(principal: Principal, query: ApprovalQueueQueryDto, now: Date): Promise<ApprovalQueuePage> {
    const scope = await this.scope(principal, now);
    if (scope === null) return { head: false, items: [], nextCursor: null };
    const open = (query.status ?? 'OPEN') === 'OPEN';
    // Postgres refuses parameters a statement does not use: the decided list starts afresh.
    const params = open ? scope.params : [];
    const where = open ? scope.where : [`approver_organisation_id = $${params.push(principal.organisationId)}`, `status = $${params.push(query.status)}`];
    const limit = pageLimit(query);
    const conditions = [...where, ...this.filters(query, params)];
    const order = open ? 'opened_at, request_id' : 'decided_at DESC, request_id DESC';
    const after = decodeCursor(query.cursor, ['date-time', 'string']);
    if (after) conditions.push(afterCursorSql([open ? 'opened_at' : 'decided_at', 'request_id'], after, params, !open));
    const { rows } = await this.pool.query<CaseRow>(
      `SELECT ${COLUMNS} FROM ap_cases WHERE ${conditions.join(' AND ')}
       ORDER BY ${order} LIMIT $${params.push(limit + 1)}`,
      params,
    );
    const page = pageOf(rows, limit, (row) => [open ? row.opened_at : row.decided_at!, row.request_id]);
    return { head: true, ...page, items: await this.views(page.items, now) };
  }

  /** How many open cases the approver's queue holds under the same filters, by kind, and since when. */
  async countsFor(principal: Principal, query: ApprovalQueueQueryDto, now: Date): Promise<ApprovalQueueCounts> {
    const byKind = { COPY: 0, RETRIEVE: 0, DIRECT_ACCESS: 0 };
    const scope = await this.scope(principal, now);
    if (scope === null) return { head: false, total: 0, byKind, oldestOpenedAt: null };
    const { params, where } = scope;
    const { rows } = await this.pool.query(
      `SELECT kind, count(*)::int AS n, min(opened_at) AS oldest FROM ap_cases WHERE ${[...where, ...this.filters(query, params)].join(' AND ')} GROUP BY kind`,
      params,
    );
    let oldest: Date | null = null;
    for (const r of rows) {
      byKind[r.kind as keyof typeof byKind] = r.n;
      if (oldest === null || r.oldest < oldest) oldest = r.oldest;
    }
    return { head: true, total: rows.reduce((sum, r) => sum + r.n, 0), byKind, oldestOpenedAt: oldest?.toISOString() ?? null };
  }

  /**
   * One case, as the queue shows it: an open case the approver is competent for and did not
   * sign, or a case the approver's organ decided. Any other is undefined (R3.1: as if none).
   */
  async caseFor(principal: Principal, requestId: string, now: Date): Promise<ApprovalCaseView | undefined> {
    const scope = await this.scope(principal, now);
    if (scope === null) return undefined;
    const { params, where } = scope;
    const id = `$${params.push(requestId)}`;
    const org = `$${params.push(principal.organisationId)}`;
    const { rows } = await this.pool.query<CaseRow>(
      `SELECT ${COLUMNS} FROM ap_cases WHERE request_id = ${id} AND ((${where.join(' AND ')}) OR (status <> 'OPEN' AND approver_organisation_id = ${org}))`,
      params,
    );
    return rows.length === 0 ? undefined : (await this.views(rows, now))[0];
  }

  /** The competence predicate of a head in office now, or null for anyone else (who has no queue). */
  private async scope(principal: Principal, now: Date): Promise<{ params: unknown[]; where: string[] } | null> {
    const org = await this.facts.organisation(principal.organisationId);
    if (org === undefined || !isHeadAt(await this.facts.headTerms(org.id), principal.personId, org.id, now)) return null;
    // The territorial-competence policy: an organ whose level and code disagree covers nothing.
    const jurisdiction = territorialJurisdictionOf(org);
    const division = jurisdiction === null ? null : parseDivisionCode(jurisdiction);
    const params: unknown[] = [org.type, ORGANISATION_LEVELS.indexOf(org.level), org.id, division?.ok ? division.value.prefix : 'x', principal.personId];
    const where = [
      `status = 'OPEN'`,
      `$1 = ANY (approver_org_types)`,
      `(min_level_rank IS NULL OR min_level_rank <= $2)`,
      `(must_be_org_id IS NULL OR must_be_org_id = $3)`,
      `(jurisdiction_must_contain IS NULL OR starts_with(jurisdiction_must_contain, $4)
        OR (cardinality(system_division_codes) > 0
            AND NOT EXISTS (SELECT 1 FROM unnest(system_division_codes) AS place WHERE NOT starts_with(place, $4))))`,
      `NOT ($5 = ANY (signer_person_ids))`,
    ];
    return { params, where };
  }

  private filters(query: ApprovalQueueQueryDto, params: unknown[]): string[] {
    const filters: string[] = [];
    if (query.kind) filters.push(`kind = $${params.push(query.kind)}`);
    if (query.requestingOrganisationId) filters.push(`requester_organisation_id = $${params.push(query.requestingOrganisationId)}`);
    if (query.openedFrom) filters.push(`opened_at >= $${params.push(query.openedFrom)}`);
    if (query.openedBefore) filters.push(`opened_at < $${params.push(query.openedBefore)}`);
    return filters;
  }

  private async views(rows: CaseRow[], now: Date): Promise<ApprovalCaseView[]> {
    const names: Names = (await this.facts.names?.({
      organisationIds: rows.map((r) => r.requester_organisation_id),
      personIds: rows.flatMap((r) => r.signer_person_ids),
      cameraIds: rows.flatMap((r) => r.camera_ids),
    })) ?? { organisations: new Map(), persons: new Map(), cameras: new Map() };
    return rows.map((r) => ({
      requestId: r.request_id,
      kind: r.kind,
      status: r.status,
      rule: r.route_rule,
      routing: routingOf(r),
      requestingOrganisation: {
        id: r.requester_organisation_id,
        type: r.requester_organisation_type,
        divisionCode: r.requester_division_code,
        name: names.organisations.get(r.requester_organisation_id) ?? null,
      },
      signerPersonIds: r.signer_person_ids,
      signers: r.signer_person_ids.slice(0, 2).map((personId, i) => ({
        role: i === 0 ? ('FILER' as const) : ('CO_SIGNER' as const),
        personId,
        name: names.persons.get(personId) ?? null,
        credentialNumber: r.signer_credential_numbers?.[i] ?? null,
      })),
      cameraIds: r.camera_ids,
      cameras: r.camera_ids.map((id) => ({ id, name: names.cameras.get(id) ?? null })),
      imageSystemIds: r.image_system_ids,
      window: { from: r.window_from.toISOString(), to: r.window_to.toISOString() },
      caseReference: r.case_reference,
      purpose: r.purpose,
      openedAt: r.opened_at.toISOString(),
      ageMs: now.getTime() - r.opened_at.getTime(),
      ...(r.rule_pack ? { rulePack: r.rule_pack } : {}),
      decision:
        r.decided_at === null
          ? null
          : {
              decidedAt: r.decided_at.toISOString(),
              approverPersonId: r.approver_person_id,
              approverOrganisationId: r.approver_organisation_id,
              reason: r.decision_reason,
              documentNumber: r.document_number,
              documentId: r.document_id,
              revokedAt: r.revoked_at?.toISOString() ?? null,
              revocationReason: r.revocation_reason,
            },
    }));
  }
}

function routingOf(r: CaseRow): CaseRoutingView {
  const minLevel = r.min_level_rank === null ? null : (ORGANISATION_LEVELS[r.min_level_rank] ?? null);
  const who = r.must_be_org_id ? 'the head of the requesting organ itself' : `a head of a ${r.approver_org_types.join(' or ')} organ`;
  const level = minLevel ? `, ${minLevel} level or above` : '';
  const places = r.system_division_codes?.length ? ` or over where every system stands (${r.system_division_codes.join(', ')})` : '';
  const where = r.jurisdiction_must_contain ? `, with jurisdiction over ${r.jurisdiction_must_contain}${places}` : '';
  return {
    rule: r.route_rule,
    approverOrgTypes: r.approver_org_types,
    minLevel,
    mustBeOrgId: r.must_be_org_id,
    jurisdictionMustContain: r.jurisdiction_must_contain,
    systemDivisionCodes: r.system_division_codes ?? [],
    reason: `${r.route_rule}: ${who}${level}${where}`,
  };
}
