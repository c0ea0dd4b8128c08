import { CurrentPrincipal, Principal } from '@custos/auth';
import { Controller, Inject, NotFoundException, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { afterCursorSql, decodeCursor, Page, pageLimit, pageOf, PageRequestDto, QueryEndpoint } from '@custos/platform';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequestPageDto, RequestViewDto } from '../request-views.response.dto';
import { Pool } from 'pg';
import { REQUESTS_POOL } from '../../requests.tokens';
import { attachHistory, EFFECTIVE_STATUS, REQUEST_COLUMNS, RequestView, toView } from '../request-views';
import { MyRequestsQueryDto } from './my-requests.request.dto';
import { OFFICER_LIST, ONE_REQUEST } from '../../shared/api-errors';

const FROM = 'FROM rq_requests r LEFT JOIN rq_decisions d ON d.request_id = r.id';

/** The officer's side: the requests they signed, with status history; requests waiting for a co-signer. */
@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
export class MyRequestsHttpController {
  constructor(@Inject(REQUESTS_POOL) private readonly pool: Pool) {}

  /** Requests the caller filed or co-signed, newest first, with their status history. */
  @QueryEndpoint({ path: 'mine', summary: "The caller's own requests, paged", response: RequestPageDto, roles: ['OFFICER'], refusals: OFFICER_LIST })
  async mine(@CurrentPrincipal() principal: Principal, @Query() query: MyRequestsQueryDto): Promise<Page<RequestView>> {
    const params: unknown[] = [principal.organisationId, principal.personId];
    const filters: string[] = [];
    if (query.kind) filters.push(`r.kind = $${params.push(query.kind)}`);
    if (query.status) filters.push(`(${EFFECTIVE_STATUS}) = $${params.push(query.status)}`);
    const after = decodeCursor(query.cursor, ['date-time', 'string']);
    if (after) filters.push(afterCursorSql(['r.filed_at', 'r.id'], after, params, [true, false]));
    const limit = pageLimit(query);
    const { rows } = await this.pool.query(
      `SELECT ${REQUEST_COLUMNS} ${FROM}
       WHERE r.organisation_id = $1 AND (r.filer_person_id = $2 OR r.co_signer_person_id = $2)
       ${filters.map((f) => `AND ${f}`).join(' ')}
       ORDER BY r.filed_at DESC, r.id LIMIT $${params.push(limit + 1)}`,
      params,
    );
    const page = pageOf(rows.map(toView), limit, (v) => [v.filedAt, v.requestId]);
    return { ...page, items: await attachHistory(this.pool, page.items) };
  }

  /** Requests of the caller's organ waiting for a second officer (R18.1), oldest first. */
  @QueryEndpoint({
    path: 'awaiting-co-signature',
    summary: "The requests awaiting the caller's co-signature (R18.1)",
    response: RequestPageDto,
    description: "Colleagues' requests waiting for the caller's co-signature, oldest first",
    roles: ['OFFICER'],
    refusals: OFFICER_LIST,
  })
  async awaiting(@CurrentPrincipal() principal: Principal, @Query() query: PageRequestDto): Promise<Page<RequestView>> {
    const params: unknown[] = [principal.organisationId, principal.personId];
    const after = decodeCursor(query.cursor, ['date-time', 'string']);
    const limit = pageLimit(query);
    const { rows } = await this.pool.query(
      `SELECT ${REQUEST_COLUMNS} ${FROM}
       WHERE r.organisation_id = $1 AND r.status = 'AWAITING_CO_SIGNATURE' AND r.filer_person_id <> $2
       ${after ? `AND ${afterCursorSql(['r.filed_at', 'r.id'], after, params)}` : ''}
       ORDER BY r.filed_at, r.id LIMIT $${params.push(limit + 1)}`,
      params,
    );
    return pageOf(rows.map(toView), limit, (v) => [v.filedAt, v.requestId]);
  }

  /** One request of the caller's organ, with its status history. */
  @QueryEndpoint({ path: ':id', summary: 'One request the caller may see', response: RequestViewDto, roles: ['OFFICER'], refusals: ONE_REQUEST })
  async one(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<RequestView> {
    const { rows } = await this.pool.query(`SELECT ${REQUEST_COLUMNS} ${FROM} WHERE r.id = $1 AND r.organisation_id = $2`, [
      id,
      principal.organisationId,
    ]);
    if (rows.length === 0) throw new NotFoundException({ code: 'CUSTOS_NOT_FOUND', message: `no request ${id}` });
    const [view] = await attachHistory(this.pool, rows.map(toView));
    return view;
  }
}
