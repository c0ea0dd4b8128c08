import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Principal } from '@custos/auth';
import { APPROVAL_DECISION_REFUSED, ApprovalStep, decisionRefusalsAggregateId, DecisionRefused, RefusalFacts } from '@custos/contracts';
import { refusalStepDecorator, RefusalRecordingInterceptor, RefusedCall } from '@custos/platform';
import { ResolvedApprovalsOptions } from '../approvals.options';
import { APPROVALS_OPTIONS } from '../approvals.tokens';
import { ApprovalCaseRepository } from '../database/approval-case.repository';

const APPROVAL_STEP = 'approvals.refusalStep';

/** Marks a controller whose coded refusals are recorded as `approvals.DecisionRefused` (R27.1). */
export const RecordsDecisionRefusals = refusalStepDecorator<ApprovalStep>(APPROVAL_STEP, () => DecisionRefusalInterceptor);

/**
 * Records a refused approval, denial or revocation — a head who is not competent, not in
 * office, or who signed the request, or a decision on a closed case — on the case's refusals
 * stream: the data oversight reads "approvals outside authority" from (R27.1). The case itself
 * is unchanged. A refusal about a case that does not exist is no decision and leaves no trace.
 */
@Injectable()
export class DecisionRefusalInterceptor extends RefusalRecordingInterceptor<ApprovalStep> {
  constructor(
    reflector: Reflector,
    private readonly cases: ApprovalCaseRepository,
    @Inject(APPROVALS_OPTIONS) options: ResolvedApprovalsOptions,
  ) {
    super(reflector, APPROVAL_STEP, options.clock);
  }

  protected async record(step: ApprovalStep, call: RefusedCall, facts: RefusalFacts, principal: Principal): Promise<void> {
    const requestId = call.params?.requestId;
    if (!requestId || (await this.cases.load(requestId)) === undefined) return;
    const payload: DecisionRefused = { ...facts, step, requestId };
    await this.appendRefusal(this.cases.store, decisionRefusalsAggregateId(requestId), APPROVAL_DECISION_REFUSED, payload, principal);
  }
}
