import { applyDecorators, CallHandler, ExecutionContext, Logger, NestInterceptor, SetMetadata, type Type, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { Principal, principalToActor, PRINCIPAL_REQUEST_PROPERTY } from '@custos/auth';
import { RefusalFacts, RefusedActor } from '@custos/contracts';
import { DomainError, recordedRuleOf, rulePackOfError } from '@custos/domain';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { EventStore } from '@custos/eventstore';
import { DomainException } from '../errors/domain.exception';
import { currentCorrelationId } from '../logging/request-context';

/** The HTTP request of a refused act, as far as a recorder reads it. */
export interface RefusedCall {
  readonly params?: Record<string, string>;
  readonly body?: Record<string, unknown>;
  readonly [PRINCIPAL_REQUEST_PROPERTY]?: Principal;
}

/**
 * A decorator marking a controller (or one route) whose refusals a recorder keeps, with the step
 * refused. Given its `recorder` (a thunk: the class is declared after the decorator), the mark
 * also puts the recorder in place, so that a controller cannot be marked and forget it.
 */
export function refusalStepDecorator<Step extends string>(
  metadataKey: string,
  recorder?: () => Type<NestInterceptor>,
): (step: Step) => ClassDecorator & MethodDecorator {
  return (step) =>
    recorder ? applyDecorators(SetMetadata(metadataKey, step), UseInterceptors(recorder())) : SetMetadata(metadataKey, step);
}

/**
 * Leaves a trace of every coded refusal (a `DomainException`, which cites its rule) of an
 * authenticated act on a route marked with this recorder's step, and then answers as it was
 * (R26.1, R27.1). The refused command rolled back and changed nothing; the subclass appends
 * the refusal on a stream of its own. Malformed requests (400 validation, and the coded checks
 * of the input's form that cite no rule), unknown targets (404) and anonymous calls leave no
 * such trace. A failure to record is logged, never turned
 * into another answer.
 */
export abstract class RefusalRecordingInterceptor<Step extends string> implements NestInterceptor {
  private readonly logger = new Logger('Refusals');

  protected constructor(
    private readonly reflector: Reflector,
    private readonly metadataKey: string,
    /** The service's clock: the instant a refusal is recorded at. */
    private readonly clock: () => Date,
  ) {}

  /** Records the refusal of `step` by `principal` (see `appendRefusal`); the facts are ready in `facts`. */
  protected abstract record(step: Step, call: RefusedCall, facts: RefusalFacts, principal: Principal): Promise<void>;

  /** Appends one refusal event, by `principal`, on its own stream of independent facts (any version). */
  protected async appendRefusal(store: EventStore, stream: string, type: string, payload: object, principal: RefusingActor): Promise<void> {
    await store.append({
      aggregateId: stream,
      expectedVersion: 'any',
      events: [
        {
          type,
          schemaVersion: 1,
          payload: payload as Record<string, unknown>,
          actor: principalToActor(principal),
          correlationId: currentCorrelationId() ?? randomUUID(),
        },
      ],
    });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const step = this.reflector.getAllAndOverride<Step | undefined>(this.metadataKey, [context.getHandler(), context.getClass()]);
    const call = context.switchToHttp().getRequest<RefusedCall>();
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!step || !(error instanceof DomainException) || error.domainError.rule === null) return throwError(() => error);
        return from(this.recordSafely(step, call, error.domainError)).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }

  private async recordSafely(step: Step, call: RefusedCall, refusal: DomainError): Promise<void> {
    const principal = call[PRINCIPAL_REQUEST_PROPERTY];
    if (!principal) return;
    try {
      await this.record(step, call, refusalFactsOf(refusal, principal, this.clock()), principal);
    } catch (error) {
      this.logger.error({ msg: 'refusal not recorded', step, code: refusal.code, reason: String((error as Error)?.message ?? error) });
    }
  }
}

/**
 * Who a refusal is recorded against: an authenticated principal, or the officer a signed link
 * names (a link-authenticated route has no token, but its link binds one officer).
 */
export type RefusingActor = Pick<Principal, 'subject' | 'personId' | 'organisationId' | 'roles' | 'credentialNumber'>;

/** The caller as they presented themselves to a refused act. */
export function refusedActorOf(principal: RefusingActor): RefusedActor {
  return {
    personId: principal.personId,
    subject: principal.subject,
    organisationId: principal.organisationId,
    ...(principal.credentialNumber ? { credentialNumber: principal.credentialNumber } : {}),
  };
}

/** The facts of a refusal; one made under a rule pack records it (issue 21, `underRulePack`). */
export function refusalFactsOf(refusal: DomainError, principal: RefusingActor, at: Date): RefusalFacts {
  const rulePack = rulePackOfError(refusal);
  return {
    code: refusal.code,
    rule: recordedRuleOf(refusal),
    reason: refusal.message.slice(0, 2000),
    actor: refusedActorOf(principal),
    at: at.toISOString(),
    ...(rulePack ? { rulePack } : {}),
  };
}
