import { Inject, Injectable, type InjectionToken, type NestInterceptor, type Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal } from '@custos/auth';
import type { RefusalFacts } from '@custos/contracts';
import type { EventStore } from '@custos/eventstore';
import {
  refusalStepDecorator,
  RefusalRecordingInterceptor,
  type RefusedCall,
} from '../wiring/refusal-recording.interceptor';

/** The aggregates a refusal is about: their event store, and whether one exists. */
export interface RefusedAggregates {
  readonly store: EventStore;
  load(id: string): Promise<unknown>;
}

/** A refused step as the recorder saw it: the aggregate's id from the route (none for a creation). */
export interface RefusedStep<Step extends string> {
  readonly step: Step;
  readonly call: RefusedCall;
  readonly facts: RefusalFacts;
  readonly principal: Principal;
  readonly aggregateId?: string;
}

export interface AggregateRefusalRecorderSpec<Step extends string> {
  /** The class name the interceptor is known by (in a module's providers and in logs). */
  readonly name: string;
  /** The metadata key the step is marked under. */
  readonly metadataKey: string;
  /** The repository of the aggregates (its `store` receives the refusal). */
  readonly aggregates: InjectionToken;
  /** A provider of the service's options, whose `clock` dates the refusal. */
  readonly options: InjectionToken;
  /** The route parameter naming the aggregate. */
  readonly param: string;
  /** The refusal event's type. */
  readonly eventType: string;
  /** The stream and payload of the refusal, or none where this refusal is not recorded here. */
  refusal(refused: RefusedStep<Step>): { readonly stream: string; readonly payload: object } | undefined;
}

/**
 * One recorder for a service whose refusals are about one kind of aggregate, named by a route
 * parameter (R26.1, R27.1): a refusal about an aggregate that does not exist is no step of it
 * and leaves no trace; otherwise the spec says on which stream and with what payload it is kept.
 * Returns the interceptor (a provider of the service's module) and the decorator marking a
 * controller with its step, which also puts the interceptor in place.
 */
export function aggregateRefusalRecorder<Step extends string>(
  spec: AggregateRefusalRecorderSpec<Step>,
): { readonly Interceptor: Type<NestInterceptor>; readonly Records: (step: Step) => ClassDecorator & MethodDecorator } {
  @Injectable()
  class AggregateRefusalInterceptor extends RefusalRecordingInterceptor<Step> {
    constructor(
      reflector: Reflector,
      @Inject(spec.aggregates) private readonly aggregates: RefusedAggregates,
      @Inject(spec.options) options: { readonly clock: () => Date },
    ) {
      super(reflector, spec.metadataKey, options.clock);
    }

    protected async record(step: Step, call: RefusedCall, facts: RefusalFacts, principal: Principal): Promise<void> {
      const aggregateId = call.params?.[spec.param];
      if (aggregateId && (await this.aggregates.load(aggregateId)) === undefined) return;
      const refusal = spec.refusal({ step, call, facts, principal, ...(aggregateId ? { aggregateId } : {}) });
      if (refusal)
        await this.appendRefusal(this.aggregates.store, refusal.stream, spec.eventType, refusal.payload, principal);
    }
  }
  Object.defineProperty(AggregateRefusalInterceptor, 'name', { value: spec.name });
  return {
    Interceptor: AggregateRefusalInterceptor,
    Records: refusalStepDecorator<Step>(spec.metadataKey, () => AggregateRefusalInterceptor),
  };
}
