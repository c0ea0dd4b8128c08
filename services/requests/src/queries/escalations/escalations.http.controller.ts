import { CurrentPrincipal, Principal } from '@custos/auth';
import { afterCursorSql, decodeCursor, PAGED_INPUT, PageDtoOf, pageLimit, pageOf, PageRequestDto, QueryEndpoint } from '@custos/platform';
import { Controller, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Pool } from 'pg';
import { REQUESTS_POOL } from '../../requests.tokens';

export class EscalatedRequestDto {
  @ApiProperty() requestId!: string;
  @ApiProperty({ enum: ['VIEW', 'COPY', 'RETRIEVE'] }) kind!: string;
  @ApiProperty({ description: 'The requesting organ' }) organisationId!: string;
  @ApiProperty() caseReference!: string;
  @ApiProperty() imageSystemId!: string;
  @ApiProperty({ description: 'The owner that has not fulfilled it' }) ownerOrganisationId!: string;
  @ApiProperty({ format: 'date-time' }) readySince!: string;
  @ApiProperty({ format: 'date-time', description: 'The deadline missed (R16.5)' }) fulfilBy!: string;
  @ApiProperty({ format: 'date-time' }) escalatedAt!: string;
  @ApiProperty({ description: 'The owner has since exported, answered "not held" or opened the viewing session' }) fulfilledSince!: boolean;
}

export class EscalatedRequestListDto extends PageDtoOf(EscalatedRequestDto) {}

/**
 * What the supervising PSB sees of R16.5's escalation: the requests owners in its area did not
 * fulfil by their deadline (`requests.FulfilmentOverdueEscalated` addressed to the caller's own
 * organ), newest first, and whether the owner has fulfilled them since. For the organ's head
 * (role APPROVER, who already works the approval queue) and its oversight officers.
 */
@ApiTags('fulfilment')
@ApiBearerAuth()
@Controller('fulfilment-escalations')
export class EscalationsHttpController {
  constructor(@Inject(REQUESTS_POOL) private readonly pool: Pool) {}

  @QueryEndpoint({
    summary: "Overdue requests escalated to the caller's organ as the PSB supervising the system (R16.5)",
    response: EscalatedRequestListDto,
    roles: ['APPROVER', 'OVERSIGHT'],
    refusals: [...PAGED_INPUT, 'CUSTOS_AUTH_ROLE_REQUIRED'],
  })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: PageRequestDto): Promise<EscalatedRequestListDto> {
    const params: unknown[] = [principal.organisationId];
    const after = decodeCursor(query.cursor, ['date-time', 'string', 'string']);
    const limit = pageLimit(query);
    const { rows } = await this.pool.query(
      `SELECT x.*, r.organisation_id, r.case_reference,
         EXISTS (SELECT 1 FROM rq_exports e WHERE e.request_id = x.request_id AND e.owner_organisation_id = x.owner_organisation_id)
           OR EXISTS (SELECT 1 FROM rq_not_held n WHERE n.request_id = x.request_id AND n.organisation_id = x.owner_organisation_id)
           OR EXISTS (SELECT 1 FROM rq_viewing_sessions v WHERE v.request_id = x.request_id AND v.owner_organisation_id = x.owner_organisation_id) AS fulfilled_since
       FROM rq_escalations x JOIN rq_requests r ON r.id = x.request_id
       WHERE x.supervising_organisation_id = $1
       ${after ? `AND ${afterCursorSql(['x.escalated_at', 'x.request_id', 'x.image_system_id'], after, params, [true, false, false])}` : ''}
       ORDER BY x.escalated_at DESC, x.request_id, x.image_system_id LIMIT $${params.push(limit + 1)}`,
      params,
    );
    return pageOf(rows, limit, (x) => [x.escalated_at, x.request_id, x.image_system_id], (shown) =>
      shown.map((x) => ({
        requestId: x.request_id,
        kind: x.kind,
        organisationId: x.organisation_id,
        caseReference: x.case_reference,
        imageSystemId: x.image_system_id,
        ownerOrganisationId: x.owner_organisation_id,
        readySince: x.ready_since.toISOString(),
        fulfilBy: x.fulfil_by.toISOString(),
        escalatedAt: x.escalated_at.toISOString(),
        fulfilledSince: x.fulfilled_since,
      })),
    );
  }
}
