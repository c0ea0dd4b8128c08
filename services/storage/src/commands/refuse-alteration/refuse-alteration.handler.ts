import { Inject, Injectable } from '@nestjs/common';
import { OriginalAlterationRefused, segmentAggregateId, STORAGE_ORIGINAL_ALTERATION_REFUSED } from '@custos/contracts';
import { DomainError, recordedRuleOf } from '@custos/domain';
import { EventStore } from '@custos/eventstore';
import { Principal, principalToActor } from '@custos/auth';
import { pendingEvent } from '../../domain/event-recorder';
import { STORAGE_ERRORS } from '../../domain/storage.errors';
import { STORAGE_EVENT_STORE } from '../../storage.tokens';

/**
 * Originals are never overwritten or deleted (R16.3). There is no operation that could; an
 * attempt is answered with the refusal and written down as a fact, so the ledger sees who tried.
 */
@Injectable()
export class RefuseAlterationHandler {
  constructor(@Inject(STORAGE_EVENT_STORE) private readonly events: EventStore) {}

  async refuse(
    principal: Principal,
    segmentId: string,
    operation: 'OVERWRITE' | 'DELETE',
    exists: boolean,
  ): Promise<DomainError> {
    const error = STORAGE_ERRORS.originalImmutable(segmentId, operation, exists);
    const payload: OriginalAlterationRefused = { segmentId, operation, code: error.code, rule: recordedRuleOf(error), exists };
    await this.events.append({
      aggregateId: segmentAggregateId(segmentId),
      expectedVersion: 'any',
      events: [pendingEvent(STORAGE_ORIGINAL_ALTERATION_REFUSED, payload, principalToActor(principal))],
    });
    // The caller learns the rule, not whether another organisation's segment exists.
    return { ...error, details: { segmentId, operation } };
  }
}
