import { randomUUID } from 'node:crypto';
import { Principal, principalToActor } from '@custos/auth';
import { DomainError, httpStatusOf, Result } from '@custos/domain';
import { CommandContext } from '@custos/eventstore';
import { currentCorrelationId, DomainException } from '@custos/platform';
import { CUSTODY_ERROR_STATUS } from '../domain/custody.errors';

/** Answers a refusal: its code, rule and reason with the status the code calls for; nothing is saved. */
export function refuse(error: DomainError): never {
  throw new DomainException(error, httpStatusOf(error.code) ?? CUSTODY_ERROR_STATUS[error.code] ?? 400);
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
