import { CurrentPrincipal, Principal } from '@custos/auth';
import { Controller, Inject, NotFoundException, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ResolvedApprovalsOptions } from '../../approvals.options';
import { APPROVALS_OPTIONS } from '../../approvals.tokens';
import { QueryEndpoint } from '@custos/platform';
import { SIGNED_IN_REFUSALS } from '../../shared/api-errors';
import { ApprovalCaseDto, ApprovalQueueCountsDto, ApprovalQueuePageDto } from './approval-case.response.dto';
import { ApprovalCaseView, ApprovalQueue, ApprovalQueueCounts, ApprovalQueuePage } from './approval-queue.query';
import { ApprovalQueueQueryDto } from './approval-queue.request.dto';

/** The queue is a head's (R17.2–R17.4); every read of it may be refused as malformed or unsigned. */
const HEAD_READ = { roles: ['APPROVER'], refusals: ['CUSTOS_VALIDATION_FAILED', ...SIGNED_IN_REFUSALS] } as const;

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('approval-cases')
export class ApprovalQueueHttpController {
  constructor(
    private readonly queue: ApprovalQueue,
    @Inject(APPROVALS_OPTIONS) private readonly options: ResolvedApprovalsOptions,
  ) {}

  /** The caller's queue: cases they are competent for, oldest first (R17.2–R17.4); or what their organ decided. */
  @QueryEndpoint({
    ...HEAD_READ,
    summary: "The head's approval cases, paged and filtered by status",
    response: ApprovalQueuePageDto,
    refusals: ['CUSTOS_VALIDATION_FAILED', 'CUSTOS_INPUT_CURSOR_INVALID', ...SIGNED_IN_REFUSALS],
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ApprovalQueueQueryDto): Promise<ApprovalQueuePage> {
    return this.queue.forApprover(principal, query, this.options.clock());
  }

  /** How many cases the caller's queue holds under the same filters, by kind, and the oldest (R17.2–R17.4). */
  @QueryEndpoint({ ...HEAD_READ, path: 'counts', summary: "How many of the head's approval cases are in each status", response: ApprovalQueueCountsDto })
  counts(@CurrentPrincipal() principal: Principal, @Query() query: ApprovalQueueQueryDto): Promise<ApprovalQueueCounts> {
    return this.queue.countsFor(principal, query, this.options.clock());
  }

  /** One case of the caller's queue, or one their organ decided; any other is not found (R3.1). */
  @QueryEndpoint({
    ...HEAD_READ,
    path: ':requestId',
    summary: 'One approval case: the request, its routing and its decision',
    response: ApprovalCaseDto,
    refusals: [...HEAD_READ.refusals, 'CUSTOS_NOT_FOUND'],
  })
  async one(@CurrentPrincipal() principal: Principal, @Param('requestId', new ParseUUIDPipe({ version: '4' })) requestId: string): Promise<ApprovalCaseView> {
    const found = await this.queue.caseFor(principal, requestId, this.options.clock());
    if (found === undefined) throw new NotFoundException({ code: 'CUSTOS_NOT_FOUND', message: `no approval case ${requestId} in your queue or your organ's decisions` });
    return found;
  }
}
