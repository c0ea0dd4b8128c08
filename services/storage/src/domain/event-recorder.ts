import { randomUUID } from 'node:crypto';
import { Actor, PendingEvent } from '@custos/contracts';
import { currentCorrelationId } from '@custos/platform';

/** A pending event of this service, carrying the caller and the request's correlation id. */
export function pendingEvent(type: string, payload: object, actor: Actor): PendingEvent {
  return {
    type,
    schemaVersion: 1,
    payload: payload as Record<string, unknown>,
    actor,
    correlationId: currentCorrelationId() ?? randomUUID(),
  };
}
