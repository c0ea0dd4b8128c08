import { domainErrorOf } from '../errors';
import { levelAtLeast } from '../organisation/organisation-type';
import { jurisdictionContains, parseDivisionCode } from '../organisation/division-code';
import { err, ok, Result } from '../result';

/**
 * The acts a public security organ performs on what it finds (R19.1, R22.1–R25.1) and the
 * party's remedy against them (R26.1), as pure decisions over a finding's state. Nothing here
 * computes a fine: the regulation gives a range, the organ decides the amount, the software
 * records it and checks only that it lies within the range of the article cited.
 */

export type OrderKind = 'REMOVAL' | 'RECTIFICATION';
export type FollowUpResult = 'COMPLIED' | 'NOT_COMPLIED';
export type PenalisedParty = 'UNIT' | 'PERSON';
export type ChallengeOutcome = 'UPHELD' | 'QUASHED' | 'VARIED' | 'WITHDRAWN';

/** The penalty articles and what each attaches to (REGULATION.md R22.1–R25.1). */
export const PENALTY_ARTICLES = {
  /** Art. 22: cameras where Art. 8 forbids them: removal ordered; refusing it, court and fine. */
  'R22.1': { breaches: ['R8.1'], order: 'REMOVAL', fineAfterNonCompliance: true, ranges: { UNIT: [500, 1000], PERSON: [0, 200] } },
  /** Art. 23: no sign (Art. 11): rectify within a period, then a fine. */
  'R23.1': { breaches: ['R11.1'], order: 'RECTIFICATION', fineAfterNonCompliance: true, ranges: { UNIT: [500, 1000] } },
  /** Art. 24: change not reported (Art. 15): a fine, no order needed first. */
  'R24.1': { breaches: ['R15.1'], order: 'RECTIFICATION', fineAfterNonCompliance: false, ranges: { UNIT: [500, 1000] } },
  /** Art. 25: the owner's duties of Art. 16: rectify, then a fine of the unit and its responsible persons. */
  'R25.1': {
    breaches: ['R16.1', 'R16.2', 'R16.3', 'R16.4', 'R16.5', 'R16.6', 'R16.7'],
    order: 'RECTIFICATION',
    fineAfterNonCompliance: true,
    ranges: { UNIT: [500, 1000], PERSON: [0, 200] },
  },
} as const satisfies Record<
  string,
  {
    breaches: readonly string[];
    order: OrderKind;
    fineAfterNonCompliance: boolean;
    ranges: Partial<Record<PenalisedParty, readonly [number, number]>>;
  }
>;
export type PenaltyArticle = keyof typeof PENALTY_ARTICLES;

/** The penalty article a breached rule falls under, if the regulation attaches one (R17.5: none). */
export function penaltyArticleOf(rule: string): PenaltyArticle | undefined {
  return (Object.keys(PENALTY_ARTICLES) as PenaltyArticle[]).find((a) =>
    (PENALTY_ARTICLES[a].breaches as readonly string[]).includes(rule),
  );
}

/** The acting organ as its token describes it. */
export interface ActingOrgan {
  readonly type: string;
  readonly divisionCode: string;
}

/**
 * R19.1, R22.1: inspections, orders, penalties and court applications are acts of a public
 * security organ of county level or above, within its jurisdiction (R5.1). Choice: the level
 * is read from the organ's division code (6 digits = county or above), which the registry
 * never lets a lower organ carry (`CUSTOS_R5_1_LEVEL_BELOW_DIVISION`).
 */
export function assertCompetentOversightOrgan(organ: ActingOrgan, subjectDivisionCode: string | undefined): Result<void> {
  const division = parseDivisionCode(organ.divisionCode);
  if (organ.type !== 'PUBLIC_SECURITY' || !division.ok || !levelAtLeast(division.value.level, 'COUNTY')) {
    return err(domainErrorOf('CUSTOS_R19_1_NOT_A_COMPETENT_PSB', { organisationType: organ.type, divisionCode: organ.divisionCode }));
  }
  if (subjectDivisionCode !== undefined && !jurisdictionContains(organ.divisionCode, subjectDivisionCode)) {
    return err(domainErrorOf('CUSTOS_R19_1_OUTSIDE_JURISDICTION', { divisionCode: organ.divisionCode, subjectDivisionCode }));
  }
  return ok();
}

/** What a finding knows of its acts, as the rules below read it. */
export interface FindingActs {
  readonly rule: string;
  readonly orders: readonly OrderState[];
  readonly penalties: readonly { readonly penaltyId: string; readonly quashed: boolean }[];
}

export interface OrderState {
  readonly orderId: string;
  readonly kind: OrderKind;
  readonly deadline?: Date;
  readonly servedAt: Date;
  readonly result?: FollowUpResult;
  readonly quashed: boolean;
  readonly courtApplied: boolean;
}

/** An order still in force: served, neither quashed nor complied with. */
function inForce(order: OrderState): boolean {
  return !order.quashed && order.result !== 'COMPLIED';
}

/**
 * R22.1: a camera where Art. 8 forbids it is ordered removed; any other breach is ordered
 * rectified (R19.1, R23.1, R25.1), within a period that ends after the order is served. One
 * order in force at a time.
 */
export function assertOrderFits(finding: FindingActs, order: { kind: OrderKind; deadline?: Date; servedAt: Date }): Result<void> {
  const expected: OrderKind = finding.rule === 'R8.1' ? 'REMOVAL' : 'RECTIFICATION';
  if (order.kind !== expected) return err(domainErrorOf('CUSTOS_R22_1_ORDER_KIND_MISMATCH', { rule: finding.rule, kind: order.kind, expected }));
  if (order.kind === 'RECTIFICATION' && (!order.deadline || order.deadline <= order.servedAt)) {
    return err(domainErrorOf('CUSTOS_R23_1_RECTIFICATION_PERIOD_REQUIRED'));
  }
  const open = finding.orders.find((o) => inForce(o) && o.result === undefined);
  if (open) return err(domainErrorOf('CUSTOS_R22_1_ORDER_ALREADY_IN_FORCE', { orderId: open.orderId }));
  return ok();
}

/** The order as a follow-up, penalty or court application may rest on it: found and not quashed (R26.1). */
export function orderInEffect(finding: FindingActs, orderId: string): Result<OrderState> {
  const order = finding.orders.find((o) => o.orderId === orderId);
  if (!order) return err(domainErrorOf('CUSTOS_OVERSIGHT_ACT_NOT_FOUND', { orderId }));
  if (order.quashed) return err(domainErrorOf('CUSTOS_R26_1_ACT_QUASHED', { orderId }));
  return ok(order);
}

/**
 * The follow-up of an order: once per order; "not complied" only after its period ended (a
 * rectification is not late before its deadline, R23.1).
 */
export function assertFollowUp(finding: FindingActs, orderId: string, result: FollowUpResult, at: Date): Result<OrderState> {
  const order = orderInEffect(finding, orderId);
  if (!order.ok) return order;
  if (order.value.result !== undefined) return err(domainErrorOf('CUSTOS_R22_1_ORDER_ALREADY_FOLLOWED_UP', { orderId }));
  if (result === 'NOT_COMPLIED' && order.value.deadline && at < order.value.deadline) {
    return err(domainErrorOf('CUSTOS_R23_1_PERIOD_NOT_ENDED', { orderId, deadline: order.value.deadline.toISOString() }));
  }
  return order;
}

export interface PenaltyProposal {
  readonly article: string;
  readonly party: PenalisedParty;
  readonly amountCny: number;
  readonly orderId?: string;
  readonly responsiblePersons: readonly unknown[];
}

/**
 * R22.1–R25.1: the article is the one the breached rule falls under; where the article fines
 * only after an order was not complied with (R22.1, R23.1, R25.1), the penalty names such an
 * order; a fine of persons names them; and the amount lies within the article's range for that
 * party. Returns the range, which the decision records beside the amount.
 */
export function assertPenalty(finding: FindingActs, p: PenaltyProposal): Result<readonly [number, number]> {
  const article = penaltyArticleOf(finding.rule);
  if (!article || article !== p.article) {
    return err(domainErrorOf('CUSTOS_R25_1_PENALTY_ARTICLE_MISMATCH', { rule: finding.rule, article: p.article, expected: article ?? null }));
  }
  const spec = PENALTY_ARTICLES[article];
  const range = (spec.ranges as Partial<Record<PenalisedParty, readonly [number, number]>>)[p.party];
  if (!range) return err(domainErrorOf('CUSTOS_R25_1_PARTY_NOT_PENALISED', { article, party: p.party }));
  if (spec.fineAfterNonCompliance) {
    if (!p.orderId) return err(domainErrorOf('CUSTOS_R25_1_NO_ORDER_BREACHED', { article }));
    const order = orderInEffect(finding, p.orderId);
    if (!order.ok) return order;
    if (order.value.result !== 'NOT_COMPLIED') return err(domainErrorOf('CUSTOS_R25_1_NO_ORDER_BREACHED', { article, orderId: p.orderId }));
  }
  if (p.party === 'PERSON' && p.responsiblePersons.length === 0) return err(domainErrorOf('CUSTOS_R25_1_RESPONSIBLE_PERSONS_REQUIRED'));
  if (!(p.amountCny >= range[0] && p.amountCny <= range[1])) {
    return err(domainErrorOf('CUSTOS_R25_1_AMOUNT_OUTSIDE_RANGE', { article, party: p.party, amountCny: p.amountCny, range: [...range] }));
  }
  return ok(range);
}

/** R22.1: the people's court is applied to only for a removal order found not complied with, once. */
export function assertCourtApplication(finding: FindingActs, orderId: string): Result<OrderState> {
  const order = orderInEffect(finding, orderId);
  if (!order.ok) return order;
  if (order.value.kind !== 'REMOVAL' || order.value.result !== 'NOT_COMPLIED' || order.value.courtApplied) {
    return err(domainErrorOf('CUSTOS_R22_1_COURT_ONLY_FOR_REFUSED_REMOVAL', { orderId, kind: order.value.kind, result: order.value.result ?? null }));
  }
  return order;
}

export interface ChallengeState {
  readonly challengeId: string;
  readonly actId: string;
  readonly outcome?: ChallengeOutcome;
}

/**
 * R26.1: the party to an order or a penalty may apply for reconsideration or sue; one pending
 * challenge per act; a quashed act has nothing left to challenge.
 */
export function assertChallenge(
  act: { readonly partyOrganisationId: string; readonly quashed: boolean } | undefined,
  actId: string,
  challenges: readonly ChallengeState[],
  byOrganisationId: string,
): Result<void> {
  if (!act) return err(domainErrorOf('CUSTOS_OVERSIGHT_ACT_NOT_FOUND', { actId }));
  if (act.partyOrganisationId !== byOrganisationId) return err(domainErrorOf('CUSTOS_R26_1_NOT_THE_PARTY', { actId }));
  if (act.quashed) return err(domainErrorOf('CUSTOS_R26_1_ACT_QUASHED', { actId }));
  if (challenges.some((c) => c.actId === actId && c.outcome === undefined)) return err(domainErrorOf('CUSTOS_R26_1_CHALLENGE_PENDING', { actId }));
  return ok();
}

/** R26.1: an outcome is recorded once; QUASHED marks the act and ends its effects. */
export function assertChallengeOutcome(challenge: ChallengeState | undefined, challengeId: string): Result<ChallengeState> {
  if (!challenge) return err(domainErrorOf('CUSTOS_OVERSIGHT_ACT_NOT_FOUND', { challengeId }));
  if (challenge.outcome !== undefined) return err(domainErrorOf('CUSTOS_R26_1_CHALLENGE_ALREADY_DECIDED', { challengeId }));
  return ok(challenge);
}
