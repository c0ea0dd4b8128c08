import { assertOrganisation, CurrentPrincipal, Principal } from '@custos/auth';
import { Controller, Inject, Param, Query } from '@nestjs/common';
import { afterCursorSql, decodeCursor, Page, pageLimit, pageOf, PageRequestDto, QueryEndpoint, registeredOperatorOf } from '@custos/platform';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FulfilmentQueueDto } from '../request-views.response.dto';
import { Pool } from 'pg';
import { FulfilmentKind, fulfilmentDeadline, isFulfilmentOverdue } from '@custos/domain';
import { REQUESTS_REGISTRY_FACTS, RequestsRegistryFacts } from '../../registry/registry-facts.port';
import { ResolvedRequestsOptions } from '../../requests.options';
import { REQUESTS_OPTIONS, REQUESTS_POOL } from '../../requests.tokens';
import { FULFILMENT_QUEUE_ERRORS } from '../../shared/api-errors';
import { REQUEST_COLUMNS, RequestView, toView } from '../request-views';

export interface FulfilmentItem extends RequestView {
  /** Since when the owner has had to cooperate (R16.5): registration of a view, approval otherwise. */
  readonly readySince: string;
  readonly ageMs: number;
  /** When the owner should have fulfilled it: readySince + the kind's configured time (R16.5). */
  readonly fulfilBy: string;
  readonly overdue: boolean;
  /** The recorded escalations of this request to the PSBs supervising its systems (R16.5). */
  readonly escalations: EscalationView[];
}

export interface EscalationView {
  readonly imageSystemId: string;
  readonly supervisingOrganisationId: string;
  readonly fulfilBy: string;
  readonly escalatedAt: string;
}

const READY_SINCE = 'COALESCE(d.decided_at, r.co_signed_at)';

const ESCALATIONS = `(SELECT COALESCE(json_agg(json_build_object('imageSystemId', x.image_system_id,
  'supervisingOrganisationId', x.supervising_organisation_id, 'fulfilBy', x.fulfil_by, 'escalatedAt', x.escalated_at)
  ORDER BY x.escalated_at, x.image_system_id), '[]'::json) FROM rq_escalations x
  WHERE x.request_id = r.id AND x.owner_organisation_id = $1) AS escalations`;

/**
 * An owner's fulfilment queue (R16.5): registered views and approved copies and retrievals
 * that target the owner's systems, oldest first, with their age and, when
 * approved, the approval document to check at hand-over (R18.5), and what the owner already
 * exported for it (package, when, by whom): a second export is then an explicit re-export.
 * Each item has its deadline (`fulfilBy`, a configured time per kind, `fulfilmentDeadline`),
 * whether it is overdue, and its escalations to the supervising PSB once the sweeper recorded
 * them (`requests.FulfilmentOverdueEscalated`).
 * An approved direct access is no task of the owner's: the granted organ's officers execute it
 * in custody's direct-access sessions (R17.4), so it is left out.
 */
@ApiTags('fulfilment')
@ApiBearerAuth()
@Controller('owners')
export class FulfilmentQueueHttpController {
  constructor(
    @Inject(REQUESTS_POOL) private readonly pool: Pool,
    @Inject(REQUESTS_OPTIONS) private readonly options: ResolvedRequestsOptions,
    @Inject(REQUESTS_REGISTRY_FACTS) private readonly facts: RequestsRegistryFacts,
  ) {}

  @QueryEndpoint({
    path: ':organisationId/fulfilment-queue',
    summary: 'The approved requests an owner organisation has to fulfil',
    response: FulfilmentQueueDto,
    roles: ['OWNER_OPERATOR'],
    refusals: FULFILMENT_QUEUE_ERRORS,
  })
  async queue(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId') organisationId: string,
    @Query() query: PageRequestDto,
  ): Promise<Page<FulfilmentItem>> {
    assertOrganisation(principal, organisationId);
    // The queue is the organisation's the registry holds the operator for, not the token's claim alone (issue 16).
    await registeredOperatorOf(this.facts, principal);
    const params: unknown[] = [organisationId];
    const after = decodeCursor(query.cursor, ['date-time', 'string']);
    const limit = pageLimit(query);
    const { rows } = await this.pool.query(
      `SELECT ${REQUEST_COLUMNS}, ${ESCALATIONS}, ${READY_SINCE} AS ready_since
       FROM rq_requests r LEFT JOIN rq_decisions d ON d.request_id = r.id
       WHERE r.owner_organisation_ids @> ARRAY[$1]::text[] AND r.status = 'CO_SIGNED' AND r.kind <> 'DIRECT_ACCESS'
         AND ((r.kind = 'VIEW' AND d.request_id IS NULL) OR (d.decision = 'APPROVED' AND d.revoked_at IS NULL))
         ${after ? `AND ${afterCursorSql([READY_SINCE, 'r.id'], after, params)}` : ''}
       ORDER BY ready_since, r.id LIMIT $${params.push(limit + 1)}`,
      params,
    );
    const now = this.options.clock();
    const iso = (at: string) => new Date(at).toISOString();
    return pageOf(rows, limit, (row) => [row.ready_since as Date, row.id as string], (shown) =>
      shown.map((row) => {
        const view = toView(row);
        const fulfilBy = fulfilmentDeadline(view.kind as FulfilmentKind, row.ready_since, this.options.fulfilmentDeadlineMs);
        return {
          ...view,
          exports: view.exports.filter((e) => e.ownerOrganisationId === organisationId),
          readySince: row.ready_since.toISOString(),
          ageMs: now.getTime() - row.ready_since.getTime(),
          fulfilBy: fulfilBy.toISOString(),
          overdue: isFulfilmentOverdue(fulfilBy, now),
          escalations: (row.escalations as EscalationView[]).map((x) => ({ ...x, fulfilBy: iso(x.fulfilBy), escalatedAt: iso(x.escalatedAt) })),
        };
      }),
    );
  }
}
