import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ApprovalStep } from '@custos/contracts';
import { RecordsDecisionRefusals } from '../shared/decision-refusal.interceptor';
import { DECISION_ERRORS } from './decision.response.dto';

/** A head's decision on an approval case: under `/approval-cases`, its refusals recorded as `step` (R27.1). */
export const ApprovalCaseCommandController = (step: ApprovalStep): ClassDecorator =>
  applyDecorators(ApiTags('approvals'), Controller('approval-cases'), RecordsDecisionRefusals(step));

/** What every decision on a case shares: an action answering 200, by a head, refused alike. */
export const DECISION_ENDPOINT = { status: 200, roles: ['APPROVER'], refusals: DECISION_ERRORS } as const;
