import { randomUUID } from 'node:crypto';
import { Principal, principalToActor } from '@custos/auth';
import { DomainError } from '@custos/domain';
import { CommandContext } from '@custos/eventstore';
import { AggregateTarget, changeAggregate, currentCorrelationId, DomainException } from '@custos/platform';
import type { PoolClient } from 'pg';
import type { AccessRequest } from '../domain/access-request.aggregate';
import type { AccessRequests } from '../domain/access-requests.port';

/** Answers a refusal: its code, rule and reason (R26.1) with the status the code calls for. */
export function refuse(error: DomainError): never {
  throw new DomainException(error);
}

/** Who is acting and in which correlation: stamped on every event the command records. */
export function commandContextOf(principal: Principal): CommandContext {
  return { actor: principalToActor(principal), correlationId: currentCorrelationId() ?? randomUUID() };
}

/** A command on request `requestId` by `principal`: loaded (404 if none, or not `visible`), changed by `work`, saved, in one transaction. */
export function changeAccessRequest<T>(
  requests: AccessRequests,
  principal: Principal,
  requestId: string,
  work: (request: AccessRequest, tx: PoolClient) => Promise<T>,
  visible?: AggregateTarget<AccessRequest>['visible'],
): Promise<T> {
  return changeAggregate(requests, { id: requestId, noun: 'request', visible }, commandContextOf(principal), work);
}
