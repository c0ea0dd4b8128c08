import { Controller, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, type Role } from '@custos/auth';
import { domainErrorOf } from '@custos/domain';
import { afterCursorSql, decodeCursor, Page, PAGED_INPUT, pageLimit, pageOf, QueryEndpoint, refuse } from '@custos/platform';
import { readScopeOf, scopeClause } from '../../access/oversight-access';
import { OversightReadModel } from '../shared/oversight-read-model';
import { inclusionProofPath } from '../shared/cursor';
import { FindingPageDto, FindingWithActsDto } from '../shared/oversight.response.dto';
import { ListFindingsRequestDto } from './list-findings.request.dto';
import { PLACED_FINDINGS } from './placed-findings';

export interface EvidenceView {
  readonly service: string;
  readonly sequence: number;
  readonly eventId: string;
  readonly type: string;
  /** Where the ledger proves the event is in the log. */
  readonly inclusionProof: string;
}

export interface FindingView {
  readonly findingId: string;
  readonly origin: string;
  readonly rule: string;
  readonly penaltyRule: string | null;
  readonly code: string | null;
  readonly imageSystemId: string | null;
  readonly cameraId: string | null;
  readonly organisationId: string | null;
  readonly divisionCode: string | null;
  readonly description: string;
  readonly inspectionId: string | null;
  readonly raisedAt: string;
  readonly evidence: EvidenceView[];
}

export interface ActView {
  readonly kind: string;
  readonly actId: string;
  readonly status: string;
  readonly quashed: boolean;
  readonly partyOrganisationId: string | null;
  readonly at: string;
  readonly updatedAt: string;
  readonly detail: Record<string, unknown>;
}

/**
 * Findings within the caller's jurisdiction (R5.1), or concerning its own organisation (an
 * owner), oldest first, paged by cursor; one finding with every act on it (R19.1,
 * R22.1–R26.1). Each finding raised from an event names it, with the ledger's proof path.
 */
/** Who sees findings: the organs over where they stand and the owners they concern. */
const SIGHTED: [Role, ...Role[]] = ['OVERSIGHT', 'OWNER_OPERATOR'];

@ApiTags('findings')
@Controller('findings')
export class FindingsHttpController {
  constructor(private readonly oversight: OversightReadModel) {}

  @QueryEndpoint({ summary: "Findings in the caller's sight, by cursor", response: FindingPageDto, roles: SIGHTED, refusals: PAGED_INPUT })
  async list(@CurrentPrincipal() principal: Principal, @Query() q: ListFindingsRequestDto): Promise<Page<FindingView>> {
    await this.oversight.readModel.catchUp();
    const limit = pageLimit(q);
    const values: unknown[] = [];
    const where = [scopeClause(readScopeOf(principal), values, 'placed_division', 'placed_owner')];
    const after = decodeCursor(q.cursor, ['number', 'string']);
    if (after) where.push(afterCursorSql(['seq', 'finding_id'], after, values));
    for (const [column, value] of [['rule', q.rule], ['origin', q.origin], ['image_system_id', q.imageSystemId], ['placed_owner', q.organisationId]] as const) {
      if (value === undefined) continue;
      values.push(value);
      where.push(`${column} = $${values.length}`);
    }
    const { rows } = await this.oversight.pool.query(
      `SELECT * FROM ${PLACED_FINDINGS} WHERE ${where.join(' AND ')} ORDER BY seq, finding_id LIMIT ${limit + 1}`,
      values,
    );
    return pageOf(rows, limit, (r) => [Number(r.seq), r.finding_id as string], (shown) => shown.map(findingView));
  }

  @QueryEndpoint({
    path: ':findingId',
    summary: 'One finding with every act on it',
    response: FindingWithActsDto,
    roles: SIGHTED,
    refusals: ['CUSTOS_OVERSIGHT_ACT_NOT_FOUND'],
  })
  async one(@CurrentPrincipal() principal: Principal, @Param('findingId') findingId: string): Promise<FindingView & { acts: ActView[] }> {
    await this.oversight.readModel.catchUp();
    const values: unknown[] = [findingId];
    const scope = scopeClause(readScopeOf(principal), values, 'placed_division', 'placed_owner');
    const { rows } = await this.oversight.pool.query(`SELECT * FROM ${PLACED_FINDINGS} WHERE finding_id = $1 AND ${scope}`, values);
    // Outside the caller's sight is the same as absent (R3.1).
    if (rows.length === 0) refuse(domainErrorOf('CUSTOS_OVERSIGHT_ACT_NOT_FOUND', { findingId }));
    const acts = await this.oversight.pool.query('SELECT * FROM ov_acts WHERE finding_id = $1 ORDER BY seq', [findingId]);
    return {
      ...findingView(rows[0]),
      acts: acts.rows.map((r) => ({
        kind: r.kind as string,
        actId: r.act_id as string,
        status: r.status as string,
        quashed: r.quashed as boolean,
        partyOrganisationId: (r.party_organisation_id as string | null) ?? null,
        at: (r.at as Date).toISOString(),
        updatedAt: (r.updated_at as Date).toISOString(),
        detail: r.detail as Record<string, unknown>,
      })),
    };
  }
}

function findingView(r: Record<string, unknown>): FindingView {
  return {
    findingId: r.finding_id as string,
    origin: r.origin as string,
    rule: r.rule as string,
    penaltyRule: (r.penalty_rule as string | null) ?? null,
    code: (r.code as string | null) ?? null,
    imageSystemId: (r.image_system_id as string | null) ?? null,
    cameraId: (r.camera_id as string | null) ?? null,
    organisationId: (r.placed_owner as string | null) ?? null,
    divisionCode: (r.placed_division as string | null) ?? null,
    description: r.description as string,
    inspectionId: (r.inspection_id as string | null) ?? null,
    raisedAt: (r.raised_at as Date).toISOString(),
    evidence: (r.evidence as Omit<EvidenceView, 'inclusionProof'>[]).map((e) => ({ ...e, inclusionProof: inclusionProofPath(e.eventId) })),
  };
}
