import { randomUUID } from 'node:crypto';
import { Principal, principalToActor } from '@custos/auth';
import { DomainError } from '@custos/domain';
import { CommandContext } from '@custos/eventstore';
import { changeAggregate, currentCorrelationId, DomainException } from '@custos/platform';
import type { PoolClient } from 'pg';
import type { ApprovalCase } from '../domain/approval-case.aggregate';
import type { ApprovalCases } from '../domain/approval-cases.port';

/** Answers a refusal: its code, rule and reason (R26.1) with the status the code calls for. */
export function refuse(error: DomainError): never {
  throw new DomainException(error);
}

export function commandContextOf(principal: Principal): CommandContext {
  return { actor: principalToActor(principal), correlationId: currentCorrelationId() ?? randomUUID() };
}

export const APPROVALS_SERVICE_ACTOR = { subject: 'service:approvals', roles: ['SERVICE'] };

/** A command on the case of request `requestId` by `principal`: loaded (404 if none), changed by `work`, saved, in one transaction. */
export function changeApprovalCase<T>(
  cases: ApprovalCases,
  principal: Principal,
  requestId: string,
  work: (approvalCase: ApprovalCase, tx: PoolClient) => Promise<T>,
): Promise<T> {
  return changeAggregate(cases, { id: requestId, noun: 'approval case for request' }, commandContextOf(principal), work);
}
