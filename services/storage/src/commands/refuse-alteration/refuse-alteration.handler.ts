import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OriginalAlterationRefused, segmentAggregateId, STORAGE_ORIGINAL_ALTERATION_REFUSED } from '@custos/contracts';
import { DomainError, err, recordedRuleOf, Result } from '@custos/domain';
import { EventStore } from '@custos/eventstore';
import { Principal, principalToActor } from '@custos/auth';
import { pendingEvent } from '../../domain/event-recorder';
import { SegmentRecords } from '../../domain/segment-records.port';
import { STORAGE_ERRORS } from '../../domain/storage.errors';
import { STORAGE_EVENT_STORE } from '../../storage.tokens';
import { RefuseAlterationCommand } from './refuse-alteration.command';

/**
 * Originals are never overwritten or deleted (R16.3). There is no operation that could; an
 * attempt is answered with the refusal and written down as a fact, so the ledger sees who tried.
 */
@CommandHandler(RefuseAlterationCommand)
export class RefuseAlterationHandler implements ICommandHandler<RefuseAlterationCommand, Result<never, DomainError>> {
  constructor(
    @Inject(STORAGE_EVENT_STORE) private readonly events: EventStore,
    private readonly segments: SegmentRecords,
  ) {}

  async execute({ principal, segmentId, operation }: RefuseAlterationCommand): Promise<Result<never, DomainError>> {
    const exists = (await this.segments.find(segmentId)) !== undefined;
    return err(await this.refuse(principal, segmentId, operation, exists));
  }

  /** Records the attempt and answers its refusal; an ingest that meets an original calls it too. */
  async refuse(
    principal: Principal,
    segmentId: string,
    operation: 'OVERWRITE' | 'DELETE',
    exists: boolean,
  ): Promise<DomainError> {
    const error = STORAGE_ERRORS.originalImmutable(segmentId, operation, exists);
    const payload: OriginalAlterationRefused = {
      segmentId,
      operation,
      code: error.code,
      rule: recordedRuleOf(error),
      exists,
    };
    await this.events.append({
      aggregateId: segmentAggregateId(segmentId),
      expectedVersion: 'any',
      events: [pendingEvent(STORAGE_ORIGINAL_ALTERATION_REFUSED, payload, principalToActor(principal))],
    });
    // The caller learns the rule, not whether another organisation's segment exists.
    return { ...error, details: { segmentId, operation } };
  }
}
