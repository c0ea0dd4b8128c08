import {
  APPROVAL_DECISION_REFUSED,
  ApprovalStep,
  decisionRefusalsAggregateId,
  DecisionRefused,
} from '@custos/contracts';
import { aggregateRefusalRecorder } from '@custos/platform';
import { APPROVALS_OPTIONS } from '../approvals.tokens';
import { ApprovalCaseRepository } from '../database/approval-case.repository';

/**
 * Records a refused approval, denial or revocation — a head who is not competent, not in
 * office, or who signed the request, or a decision on a closed case — on the case's refusals
 * stream: the data oversight reads "approvals outside authority" from (R27.1). The case itself
 * is unchanged. A refusal about a case that does not exist is no decision and leaves no trace.
 */
const decisionRefusals = aggregateRefusalRecorder<ApprovalStep>({
  name: 'DecisionRefusalInterceptor',
  metadataKey: 'approvals.refusalStep',
  aggregates: ApprovalCaseRepository,
  options: APPROVALS_OPTIONS,
  param: 'requestId',
  eventType: APPROVAL_DECISION_REFUSED,
  refusal: ({ step, facts, aggregateId: requestId }) => {
    if (!requestId) return undefined;
    const payload: DecisionRefused = { ...facts, step, requestId };
    return { stream: decisionRefusalsAggregateId(requestId), payload };
  },
});

export const DecisionRefusalInterceptor = decisionRefusals.Interceptor;

/** Marks a controller whose coded refusals are recorded as `approvals.DecisionRefused` (R27.1). */
export const RecordsDecisionRefusals = decisionRefusals.Records;
