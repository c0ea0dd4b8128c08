import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ResolvedApprovalsOptions } from '../../approvals.options';
import { APPROVALS_OPTIONS } from '../../approvals.tokens';
import { ApprovalCaseView, ApprovalQueue } from './approval-queue.query';
import { ApprovalQueueQueryDto } from './approval-queue.request.dto';

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('approval-cases')
export class ApprovalQueueHttpController {
  constructor(
    private readonly queue: ApprovalQueue,
    @Inject(APPROVALS_OPTIONS) private readonly options: ResolvedApprovalsOptions,
  ) {}

  /** The caller's queue: cases they are competent for, oldest first (R17.2–R17.4). */
  @Roles('APPROVER')
  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ApprovalQueueQueryDto): Promise<{ head: boolean; items: ApprovalCaseView[] }> {
    return this.queue.forApprover(principal, query, this.options.clock());
  }
}
