import { randomUUID } from 'node:crypto';
import { Principal, principalToActor } from '@custos/auth';
import { DomainError } from '@custos/domain';
import { CommandContext } from '@custos/eventstore';
import { currentCorrelationId, DomainException } from '@custos/platform';

/** Answers a refusal: its code, rule and reason (R26.1) with the status the code calls for. */
export function refuse(error: DomainError): never {
  throw new DomainException(error);
}

export function commandContextOf(principal: Principal): CommandContext {
  return { actor: principalToActor(principal), correlationId: currentCorrelationId() ?? randomUUID() };
}

export const APPROVALS_SERVICE_ACTOR = { subject: 'service:approvals', roles: ['SERVICE'] };
