import { Injectable, Inject } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Principal } from '@custos/auth';
import { RefusalFacts, REGISTRY_RETENTION_REFUSED, retentionRefusalsAggregateId, RetentionRefusalStep, RetentionRefused } from '@custos/contracts';
import { isRetentionRefusal, parseDivisionCode } from '@custos/domain';
import { refusalStepDecorator, RefusalRecordingInterceptor, RefusedCall } from '@custos/platform';
import { REGISTRY_CLOCK, RegistryAggregates } from './registry-aggregates';
import { REGISTRY_EVENT_STORE } from '../../registry.tokens';
import { EventStore } from '@custos/eventstore';

const RETENTION_STEP = 'registry.retentionRefusalStep';

/** Marks a route whose refused retentions below the floor are recorded as `registry.RetentionRefused` (R16.7). */
export const RecordsRetentionRefusals = refusalStepDecorator<RetentionRefusalStep>(RETENTION_STEP);

/**
 * Records a retention below the floor (R16.7, CN2025-RETAIN) refused at a system's registration
 * or when it is set later, on the system's retention-refusals stream, so that oversight raises
 * a finding (issue 20). The refused command rolled back: the system keeps its retention (or
 * was not registered). Other refusals on these routes are the registry's ordinary answers.
 */
@Injectable()
export class RetentionRefusalInterceptor extends RefusalRecordingInterceptor<RetentionRefusalStep> {
  constructor(
    reflector: Reflector,
    private readonly aggregates: RegistryAggregates,
    @Inject(REGISTRY_CLOCK) now: () => Date,
    @Inject(REGISTRY_EVENT_STORE) private readonly events: EventStore,
  ) {
    super(reflector, RETENTION_STEP, now);
  }

  protected async record(step: RetentionRefusalStep, call: RefusedCall, facts: RefusalFacts, principal: Principal): Promise<void> {
    if (!isRetentionRefusal(facts.code)) return;
    const retentionDays = Number(call.body?.retentionDays);
    const target = step === 'SET_RETENTION' ? await this.setOn(call.params?.systemId ?? '') : registrationOf(call.body ?? {});
    const payload: RetentionRefused = { ...facts, step, ...target, retentionDays };
    await this.appendRefusal(this.events, retentionRefusalsAggregateId(target), REGISTRY_RETENTION_REFUSED, payload, principal);
  }

  private async setOn(imageSystemId: string): Promise<Pick<RetentionRefused, 'imageSystemId' | 'ownerOrganisationId' | 'divisionCode'>> {
    const system = await this.aggregates.system(imageSystemId);
    return { imageSystemId, ownerOrganisationId: system.ownerOrganisationId, divisionCode: system.divisionCode };
  }
}

/** Where a refused registration would have stood; its division was checked before the retention. */
function registrationOf(body: Record<string, unknown>): Pick<RetentionRefused, 'imageSystemId' | 'ownerOrganisationId' | 'divisionCode'> {
  const division = parseDivisionCode(String(body.divisionCode));
  return {
    ...(typeof body.id === 'string' ? { imageSystemId: body.id } : {}),
    ownerOrganisationId: String(body.ownerOrganisationId),
    divisionCode: division.ok ? division.value.code : String(body.divisionCode),
  };
}
