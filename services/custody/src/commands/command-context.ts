import { randomUUID } from 'node:crypto';
import { Principal, principalToActor } from '@custos/auth';
import { CommandContext } from '@custos/eventstore';
import { currentCorrelationId } from '@custos/platform';

/** Who is acting and in which correlation: stamped on every event the command records. */
export function commandContextOf(principal: Principal): CommandContext {
  return { actor: principalToActor(principal), correlationId: currentCorrelationId() ?? randomUUID() };
}
