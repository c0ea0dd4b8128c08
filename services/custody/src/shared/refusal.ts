import { randomUUID } from 'node:crypto';
import { Principal, principalToActor } from '@custos/auth';
import { DomainError, Result } from '@custos/domain';
import { CommandContext } from '@custos/eventstore';
import { currentCorrelationId, DomainException } from '@custos/platform';

/** Answers a refusal: its code, rule and reason with the catalogue's status for the code; nothing is saved. */
export function refuse(error: DomainError): never {
  throw new DomainException(error);
}

/** The value of a decision, or its refusal. */
export function orRefuse<T>(result: Result<T>): T {
  if (!result.ok) refuse(result.error);
  return result.value;
}

/** Who is acting and in which correlation: stamped on every event the command records. */
export function commandContextOf(principal: Principal): CommandContext {
  return { actor: principalToActor(principal), correlationId: currentCorrelationId() ?? randomUUID() };
}
