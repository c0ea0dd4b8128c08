import { Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Principal } from '@custos/auth';
import {
  CUSTODY_VIEWING_REFUSED,
  CustodyOfficer,
  RefusalFacts,
  viewingRefusalsAggregateId,
  ViewingRefused,
  ViewingStep,
} from '@custos/contracts';
import {
  refusalFactsOf,
  refusalStepDecorator,
  RefusalRecordingInterceptor,
  RefusedCall,
  RefusingActor,
} from '@custos/platform';
import { DEFAULT_RULE_PACK_CONFIG, DomainError, rulePackFieldAt } from '@custos/domain';
import type { CustodyModuleOptions } from '../custody.options';
import { Clock, CUSTODY_CLOCK, CUSTODY_OPTIONS } from '../custody.tokens';
import { ViewRequests } from '../database/view-requests.table';
import { ViewingSessionRepository } from '../database/viewing-session.repository';

const VIEWING_STEP = 'custody.viewingStep';

/** Marks a route (or controller) whose coded refusals are recorded as `custody.ViewingRefused`. */
export const RecordsViewingRefusals = refusalStepDecorator<ViewingStep>(VIEWING_STEP);

/**
 * Records a refused step of a VIEW (R18.1–R18.4, R26.1): an opening on the VIEW request's
 * refusals stream, any other step (joining, closing, ending, playback links — among them
 * CUSTOS_R18_1_NOT_A_VIEWER) on the session's. The session is unchanged. A refusal about a
 * request or session custody does not know is no step of a VIEW and leaves no trace.
 */
@Injectable()
export class ViewingRefusalInterceptor extends RefusalRecordingInterceptor<ViewingStep> {
  private readonly linkRefusalLogger = new Logger('Refusals');

  constructor(
    reflector: Reflector,
    private readonly sessions: ViewingSessionRepository,
    private readonly requests: ViewRequests,
    @Inject(CUSTODY_CLOCK) private readonly now: Clock,
    @Inject(CUSTODY_OPTIONS) private readonly options: CustodyModuleOptions,
  ) {
    super(reflector, VIEWING_STEP, now);
  }

  /**
   * A refused refresh of a player's links (R18.2, R18.4, R26.1). The route has no token, so the
   * interceptor sees no principal; the signed link names the officer, who joined the session.
   */
  async recordLinkRefusal(sessionId: string, officer: CustodyOfficer, refusal: DomainError): Promise<void> {
    const actor: RefusingActor = { ...officer, roles: ['OFFICER'] };
    const facts = refusalFactsOf(refusal, actor, this.now());
    const session = await this.sessions.load(sessionId).catch(() => undefined);
    const payload: ViewingRefused = { ...this.underPackOf(session?.place, facts), step: 'PLAYBACK_LINKS', sessionId };
    try {
      await this.appendRefusal(this.sessions.store, viewingRefusalsAggregateId({ sessionId }), CUSTODY_VIEWING_REFUSED, payload, actor);
    } catch (failure) {
      // As for any refusal: a failure to record is logged, never turned into another answer.
      this.linkRefusalLogger.error({ msg: 'refusal not recorded', step: 'PLAYBACK_LINKS', code: payload.code, reason: String((failure as Error)?.message ?? failure) });
    }
  }

  protected async record(step: ViewingStep, call: RefusedCall, facts: RefusalFacts, principal: Principal): Promise<void> {
    const found = await this.targetOf(step, call, principal);
    if (found === undefined) return;
    const { target, place } = found;
    const payload: ViewingRefused = { ...this.underPackOf(place, facts), step, ...target };
    await this.appendRefusal(this.sessions.store, viewingRefusalsAggregateId(target), CUSTODY_VIEWING_REFUSED, payload, principal);
  }

  /**
   * The refusal with the text it was made under (issue 21): the pack its rule named, else the
   * pack of the viewing's place at the refusal (as the session's own events read it).
   */
  private underPackOf(place: string | undefined, facts: RefusalFacts): RefusalFacts {
    if (facts.rulePack !== undefined || place === undefined) return facts;
    return { ...facts, ...rulePackFieldAt(place, new Date(facts.at), this.options.rulePacks ?? DEFAULT_RULE_PACK_CONFIG) };
  }

  /**
   * The known VIEW request (of an opening) or session (of any other step) refused on, and the
   * place of the viewing: the opening operator's (the owner's) division, or the session's.
   */
  private async targetOf(
    step: ViewingStep,
    call: RefusedCall,
    principal: Principal,
  ): Promise<{ target: { requestId: string } | { sessionId: string }; place: string } | undefined> {
    if (step === 'OPEN') {
      const requestId = call.body?.requestId;
      if (typeof requestId !== 'string') return undefined;
      const request = await this.requests.find(requestId);
      return request === undefined ? undefined : { target: { requestId }, place: principal.divisionCode ?? request.requestingDivisionCode };
    }
    const sessionId = call.params?.sessionId;
    if (sessionId === undefined) return undefined;
    const session = await this.sessions.load(sessionId);
    return session === undefined ? undefined : { target: { sessionId }, place: session.place };
  }
}
