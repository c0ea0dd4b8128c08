import {
  ChallengeDecided,
  ChallengeFiled,
  CourtEnforcementApplied,
  FindingRaised,
  OrderFollowedUp,
  OrderServed,
  OVERSIGHT_CHALLENGE_DECIDED,
  OVERSIGHT_CHALLENGE_FILED,
  OVERSIGHT_COURT_ENFORCEMENT_APPLIED,
  OVERSIGHT_FINDING_RAISED,
  OVERSIGHT_ORDER_FOLLOWED_UP,
  OVERSIGHT_ORDER_SERVED,
  OVERSIGHT_PENALTY_DECIDED,
  PenaltyDecided,
} from '@custos/contracts';
import {
  assertChallenge,
  assertChallengeOutcome,
  assertCourtApplication,
  assertFollowUp,
  assertOrderFits,
  assertPenalty,
  ChallengeState,
  FindingActs,
  FollowUpResult,
  ok,
  OrderKind,
  OrderState,
  PenalisedParty,
  Result,
} from '@custos/domain';
import { EventSourcedAggregate } from '@custos/eventstore';

interface MutableOrder extends OrderState {
  partyOrganisationId: string;
  result?: FollowUpResult;
  quashed: boolean;
  courtApplied: boolean;
}

interface PenaltyState {
  readonly penaltyId: string;
  readonly orderId?: string;
  readonly partyOrganisationId: string;
  quashed: boolean;
}

interface MutableChallenge extends ChallengeState {
  readonly actKind: 'ORDER' | 'PENALTY';
  outcome?: ChallengeState['outcome'];
}

/**
 * A finding and the acts that follow from it (R19.1, R22.1–R25.1, R26.1): orders served on the
 * party, their follow-up, penalties, the court application, and the party's challenges. The
 * decisions are the domain's (`libs/domain/src/oversight/oversight-acts.ts`); this keeps the
 * state they read. A quashed order ends its effects: it can no longer be followed up, enforced
 * by the court or fined on, and the penalties decided on it are quashed with it (their basis
 * is gone).
 */
export class FindingAggregate extends EventSourcedAggregate {
  raised?: FindingRaised;
  private readonly orders = new Map<string, MutableOrder>();
  private readonly penalties = new Map<string, PenaltyState>();
  private readonly challenges = new Map<string, MutableChallenge>();

  get acts(): FindingActs {
    return { rule: this.raised!.rule, orders: [...this.orders.values()], penalties: [...this.penalties.values()] };
  }

  raise(payload: FindingRaised): void {
    this.record(OVERSIGHT_FINDING_RAISED, payload);
  }

  serveOrder(order: OrderServed): Result<OrderServed> {
    const fits = assertOrderFits(this.acts, {
      kind: order.kind as OrderKind,
      deadline: order.deadline ? new Date(order.deadline) : undefined,
      servedAt: new Date(order.servedAt),
    });
    if (!fits.ok) return fits;
    this.record(OVERSIGHT_ORDER_SERVED, order);
    return ok(order);
  }

  followUp(followUp: OrderFollowedUp): Result<OrderFollowedUp> {
    const allowed = assertFollowUp(this.acts, followUp.orderId, followUp.result as FollowUpResult, new Date(followUp.checkedAt));
    if (!allowed.ok) return allowed;
    this.record(OVERSIGHT_ORDER_FOLLOWED_UP, followUp);
    return ok(followUp);
  }

  decidePenalty(penalty: Omit<PenaltyDecided, 'rangeMinCny' | 'rangeMaxCny'>): Result<PenaltyDecided> {
    const range = assertPenalty(this.acts, {
      article: penalty.article,
      party: penalty.party as PenalisedParty,
      amountCny: penalty.amountCny,
      orderId: penalty.orderId,
      responsiblePersons: penalty.responsiblePersons,
    });
    if (!range.ok) return range;
    const decided: PenaltyDecided = { ...penalty, rangeMinCny: range.value[0], rangeMaxCny: range.value[1] };
    this.record(OVERSIGHT_PENALTY_DECIDED, decided);
    return ok(decided);
  }

  applyToCourt(application: CourtEnforcementApplied): Result<CourtEnforcementApplied> {
    const allowed = assertCourtApplication(this.acts, application.orderId);
    if (!allowed.ok) return allowed;
    this.record(OVERSIGHT_COURT_ENFORCEMENT_APPLIED, application);
    return ok(application);
  }

  fileChallenge(challenge: ChallengeFiled): Result<ChallengeFiled> {
    const act = challenge.actKind === 'ORDER' ? this.orders.get(challenge.actId) : this.penalties.get(challenge.actId);
    const allowed = assertChallenge(act, challenge.actId, [...this.challenges.values()], challenge.filedBy.organisationId);
    if (!allowed.ok) return allowed;
    this.record(OVERSIGHT_CHALLENGE_FILED, challenge);
    return ok(challenge);
  }

  decideChallenge(decided: ChallengeDecided): Result<ChallengeDecided> {
    const allowed = assertChallengeOutcome(this.challenges.get(decided.challengeId), decided.challengeId);
    if (!allowed.ok) return allowed;
    this.record(OVERSIGHT_CHALLENGE_DECIDED, decided);
    return ok(decided);
  }

  /** The party of an act on this finding, for who may contest it (R26.1). */
  challenge(challengeId: string): { actKind: string; actId: string; partyOrganisationId?: string } | undefined {
    const c = this.challenges.get(challengeId);
    if (!c) return undefined;
    const act = c.actKind === 'ORDER' ? this.orders.get(c.actId) : this.penalties.get(c.actId);
    return { actKind: c.actKind, actId: c.actId, partyOrganisationId: act?.partyOrganisationId };
  }

  protected onFindingRaised({ payload }: { payload: FindingRaised }): void {
    this.raised = payload;
  }

  protected onOrderServed({ payload: p }: { payload: OrderServed }): void {
    this.orders.set(p.orderId, {
      orderId: p.orderId,
      kind: p.kind as OrderKind,
      deadline: p.deadline ? new Date(p.deadline) : undefined,
      servedAt: new Date(p.servedAt),
      partyOrganisationId: p.partyOrganisationId,
      quashed: false,
      courtApplied: false,
    });
  }

  protected onOrderFollowedUp({ payload: p }: { payload: OrderFollowedUp }): void {
    this.orders.get(p.orderId)!.result = p.result as FollowUpResult;
  }

  protected onPenaltyDecided({ payload: p }: { payload: PenaltyDecided }): void {
    this.penalties.set(p.penaltyId, { penaltyId: p.penaltyId, orderId: p.orderId, partyOrganisationId: p.partyOrganisationId, quashed: false });
  }

  protected onCourtEnforcementApplied({ payload: p }: { payload: CourtEnforcementApplied }): void {
    this.orders.get(p.orderId)!.courtApplied = true;
  }

  protected onChallengeFiled({ payload: p }: { payload: ChallengeFiled }): void {
    this.challenges.set(p.challengeId, { challengeId: p.challengeId, actId: p.actId, actKind: p.actKind as 'ORDER' | 'PENALTY' });
  }

  protected onChallengeDecided({ payload: p }: { payload: ChallengeDecided }): void {
    const challenge = this.challenges.get(p.challengeId)!;
    challenge.outcome = p.outcome as ChallengeState['outcome'];
    if (p.outcome !== 'QUASHED') return;
    if (challenge.actKind === 'PENALTY') {
      this.penalties.get(challenge.actId)!.quashed = true;
      return;
    }
    this.orders.get(challenge.actId)!.quashed = true;
    for (const penalty of this.penalties.values()) if (penalty.orderId === challenge.actId) penalty.quashed = true;
  }
}
