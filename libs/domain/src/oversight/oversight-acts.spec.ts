import {
  assertChallenge,
  assertChallengeOutcome,
  assertCompetentOversightOrgan,
  assertCourtApplication,
  assertFollowUp,
  assertOrderFits,
  assertPenalty,
  FindingActs,
  OrderState,
  penaltyArticleOf,
} from './oversight-acts';
import { automaticFindingOf } from './automatic-findings';

const served = new Date('2026-03-01T08:00:00Z');
const order = (o: Partial<OrderState> = {}): OrderState => ({ orderId: 'o1', kind: 'REMOVAL', servedAt: served, quashed: false, courtApplied: false, ...o });
const finding = (rule: string, orders: OrderState[] = []): FindingActs => ({ rule, orders, penalties: [] });
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error!.code);

describe('who acts on findings (R19.1, R22.1)', () => {
  it('lets a county PSB act within its county', () => {
    expect(codeOf(assertCompetentOversightOrgan({ type: 'PUBLIC_SECURITY', divisionCode: '610113' }, '610113'))).toBe('OK');
  });
  it('refuses a township police station (below county level) (R19.1)', () => {
    expect(codeOf(assertCompetentOversightOrgan({ type: 'PUBLIC_SECURITY', divisionCode: '610113001' }, '610113001'))).toBe('CUSTOS_R19_1_NOT_A_COMPETENT_PSB');
  });
  it('refuses a procuratorate: orders and penalties are a PSB’s acts (R19.1)', () => {
    expect(codeOf(assertCompetentOversightOrgan({ type: 'OVERSIGHT', divisionCode: '610000' }, '610113'))).toBe('CUSTOS_R19_1_NOT_A_COMPETENT_PSB');
  });
  it('refuses a PSB acting outside its jurisdiction (R19.1, R5.1)', () => {
    expect(codeOf(assertCompetentOversightOrgan({ type: 'PUBLIC_SECURITY', divisionCode: '610113' }, '610102'))).toBe('CUSTOS_R19_1_OUTSIDE_JURISDICTION');
  });
});

describe('orders (R22.1, R23.1, R25.1)', () => {
  it('orders a camera in a forbidden place removed, not rectified (R22.1)', () => {
    expect(codeOf(assertOrderFits(finding('R8.1'), { kind: 'RECTIFICATION', servedAt: served, deadline: new Date('2026-04-01') }))).toBe('CUSTOS_R22_1_ORDER_KIND_MISMATCH');
    expect(codeOf(assertOrderFits(finding('R8.1'), { kind: 'REMOVAL', servedAt: served }))).toBe('OK');
  });
  it('requires a period ending after service for a rectification (R23.1)', () => {
    expect(codeOf(assertOrderFits(finding('R11.1'), { kind: 'RECTIFICATION', servedAt: served }))).toBe('CUSTOS_R23_1_RECTIFICATION_PERIOD_REQUIRED');
    expect(codeOf(assertOrderFits(finding('R11.1'), { kind: 'RECTIFICATION', servedAt: served, deadline: served }))).toBe('CUSTOS_R23_1_RECTIFICATION_PERIOD_REQUIRED');
  });
  it('refuses a second order while one awaits its follow-up (R22.1)', () => {
    expect(codeOf(assertOrderFits(finding('R8.1', [order()]), { kind: 'REMOVAL', servedAt: served }))).toBe('CUSTOS_R22_1_ORDER_ALREADY_IN_FORCE');
  });
  it('does not find a rectification breached before its period ends (R23.1)', () => {
    const f = finding('R11.1', [order({ kind: 'RECTIFICATION', deadline: new Date('2026-03-31T16:00:00Z') })]);
    expect(codeOf(assertFollowUp(f, 'o1', 'NOT_COMPLIED', new Date('2026-03-20T00:00:00Z')))).toBe('CUSTOS_R23_1_PERIOD_NOT_ENDED');
    expect(codeOf(assertFollowUp(f, 'o1', 'NOT_COMPLIED', new Date('2026-04-01T00:00:00Z')))).toBe('OK');
  });
  it('follows an order up once (R22.1)', () => {
    expect(codeOf(assertFollowUp(finding('R8.1', [order({ result: 'COMPLIED' })]), 'o1', 'COMPLIED', served))).toBe('CUSTOS_R22_1_ORDER_ALREADY_FOLLOWED_UP');
  });
});

describe('penalties: recorded, never computed (R22.1–R25.1)', () => {
  const breached = finding('R8.1', [order({ result: 'NOT_COMPLIED' })]);
  it('records an amount within the article’s range and returns the range (R22.1)', () => {
    const r = assertPenalty(breached, { article: 'R22.1', party: 'UNIT', amountCny: 800, orderId: 'o1', responsiblePersons: [] });
    expect(r).toEqual({ ok: true, value: [500, 1000] });
  });
  it('refuses an amount outside the range (R25.1)', () => {
    expect(codeOf(assertPenalty(breached, { article: 'R22.1', party: 'UNIT', amountCny: 1500, orderId: 'o1', responsiblePersons: [] }))).toBe('CUSTOS_R25_1_AMOUNT_OUTSIDE_RANGE');
    expect(codeOf(assertPenalty(breached, { article: 'R22.1', party: 'PERSON', amountCny: 201, orderId: 'o1', responsiblePersons: [{}] }))).toBe('CUSTOS_R25_1_AMOUNT_OUTSIDE_RANGE');
  });
  it('refuses an article the breach does not fall under, and a fee attempt has none (R25.1, R17.5)', () => {
    expect(codeOf(assertPenalty(breached, { article: 'R23.1', party: 'UNIT', amountCny: 600, orderId: 'o1', responsiblePersons: [] }))).toBe('CUSTOS_R25_1_PENALTY_ARTICLE_MISMATCH');
    expect(penaltyArticleOf('R17.5')).toBeUndefined();
  });
  it('fines a removal only after the order was found not complied with (R22.1)', () => {
    expect(codeOf(assertPenalty(finding('R8.1', [order()]), { article: 'R22.1', party: 'UNIT', amountCny: 600, orderId: 'o1', responsiblePersons: [] }))).toBe('CUSTOS_R25_1_NO_ORDER_BREACHED');
    expect(codeOf(assertPenalty(finding('R8.1'), { article: 'R22.1', party: 'UNIT', amountCny: 600, responsiblePersons: [] }))).toBe('CUSTOS_R25_1_NO_ORDER_BREACHED');
  });
  it('fines a late change report without an order first (R24.1)', () => {
    expect(codeOf(assertPenalty(finding('R15.1'), { article: 'R24.1', party: 'UNIT', amountCny: 500, responsiblePersons: [] }))).toBe('OK');
    expect(codeOf(assertPenalty(finding('R15.1'), { article: 'R24.1', party: 'PERSON', amountCny: 100, responsiblePersons: [{}] }))).toBe('CUSTOS_R25_1_PARTY_NOT_PENALISED');
  });
  it('names the responsible persons of a fine of persons (R25.1)', () => {
    const f = finding('R16.3', [order({ kind: 'RECTIFICATION', result: 'NOT_COMPLIED' })]);
    expect(codeOf(assertPenalty(f, { article: 'R25.1', party: 'PERSON', amountCny: 100, orderId: 'o1', responsiblePersons: [] }))).toBe('CUSTOS_R25_1_RESPONSIBLE_PERSONS_REQUIRED');
  });
  it('rests nothing on a quashed order (R26.1)', () => {
    const f = finding('R8.1', [order({ result: 'NOT_COMPLIED', quashed: true })]);
    expect(codeOf(assertPenalty(f, { article: 'R22.1', party: 'UNIT', amountCny: 600, orderId: 'o1', responsiblePersons: [] }))).toBe('CUSTOS_R26_1_ACT_QUASHED');
    expect(codeOf(assertCourtApplication(f, 'o1'))).toBe('CUSTOS_R26_1_ACT_QUASHED');
  });
});

describe('the court and the party’s remedy (R22.1, R26.1)', () => {
  it('applies to the court only on a refused removal, once (R22.1)', () => {
    expect(codeOf(assertCourtApplication(finding('R8.1', [order()]), 'o1'))).toBe('CUSTOS_R22_1_COURT_ONLY_FOR_REFUSED_REMOVAL');
    expect(codeOf(assertCourtApplication(finding('R8.1', [order({ result: 'NOT_COMPLIED' })]), 'o1'))).toBe('OK');
    expect(codeOf(assertCourtApplication(finding('R8.1', [order({ result: 'NOT_COMPLIED', courtApplied: true })]), 'o1'))).toBe('CUSTOS_R22_1_COURT_ONLY_FOR_REFUSED_REMOVAL');
  });
  it('lets only the party challenge, once at a time, and records an outcome once (R26.1)', () => {
    const act = { partyOrganisationId: 'org-owner', quashed: false };
    expect(codeOf(assertChallenge(act, 'o1', [], 'org-other'))).toBe('CUSTOS_R26_1_NOT_THE_PARTY');
    expect(codeOf(assertChallenge(act, 'o1', [], 'org-owner'))).toBe('OK');
    expect(codeOf(assertChallenge(act, 'o1', [{ challengeId: 'c1', actId: 'o1' }], 'org-owner'))).toBe('CUSTOS_R26_1_CHALLENGE_PENDING');
    expect(codeOf(assertChallenge({ ...act, quashed: true }, 'o1', [], 'org-owner'))).toBe('CUSTOS_R26_1_ACT_QUASHED');
    expect(codeOf(assertChallengeOutcome({ challengeId: 'c1', actId: 'o1', outcome: 'UPHELD' }, 'c1'))).toBe('CUSTOS_R26_1_CHALLENGE_ALREADY_DECIDED');
  });
});

describe('findings raised from events', () => {
  it('reads a refused forbidden camera as R8.1 under R22.1, and a fee attempt as R17.5 under no article', () => {
    expect(automaticFindingOf('FORBIDDEN_CAMERA_REGISTRATION')).toMatchObject({ rule: 'R8.1', penaltyRule: 'R22.1' });
    expect(automaticFindingOf('ORIGINAL_ALTERATION_ATTEMPT')).toMatchObject({ rule: 'R16.3', penaltyRule: 'R25.1' });
    expect(automaticFindingOf('FEE_ATTEMPT').penaltyRule).toBeUndefined();
  });
});
