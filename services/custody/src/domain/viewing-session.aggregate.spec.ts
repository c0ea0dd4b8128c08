import type { ViewRequest } from '@custos/domain';
import { ViewingSession } from './viewing-session.aggregate';
import { custodyOfficer } from './custody-officer.fixture';

const NOW = new Date('2026-02-16T09:30:00.000Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const li = custodyOfficer('li', 'psb', 'C-1');
const zhang = custodyOfficer('zhang', 'psb', 'C-2');
const wang = custodyOfficer('wang', 'psb', 'C-9');

const request = (overrides: Partial<ViewRequest> = {}): ViewRequest => ({
  requestId: 'req-1',
  status: 'CO_SIGNED',
  requestingOrganisationId: 'psb',
  requestingDivisionCode: '610113',
  caseReference: 'CASE-1',
  purpose: 'identify the suspect',
  imageSystemIds: ['sys-1'],
  cameraIds: ['cam-1', 'cam-2'],
  ownerOrganisationIds: ['owner'],
  windowFrom: '2026-02-10T10:00:00.000Z',
  windowTo: '2026-02-10T11:00:00.000Z',
  filer: { personId: 'p-li', credentialNumber: 'C-1' },
  coSigner: { personId: 'p-zhang', credentialNumber: 'C-2' },
  ...overrides,
});

const opener = { personId: 'p-operator', organisationId: 'owner', divisionCode: '610113' };

function opened(minutes = 60): ViewingSession {
  const session = new ViewingSession('viewing-session:s-1');
  const result = session.open({ sessionId: 's-1', request: request(), opener, durationMs: minutes * 60_000, now: NOW });
  expect(result.ok).toBe(true);
  return session;
}

const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'OK' : result.error!.code);
const types = (session: ViewingSession) => session.getUncommittedEvents().map((e) => e.type);

describe('ViewingSession (R18.1–R18.4)', () => {
  it('opens for the owner of the systems a co-signed VIEW names, time-boxed, with both co-signers on record', () => {
    const session = opened(90);
    expect(types(session)).toEqual(['custody.ViewingSessionOpened']);
    expect(session.opened).toMatchObject({
      requestId: 'req-1',
      ownerOrganisationId: 'owner',
      requestingOrganisationId: 'psb',
      coSigners: [
        { personId: 'p-li', credentialNumber: 'C-1' },
        { personId: 'p-zhang', credentialNumber: 'C-2' },
      ],
      openedAt: NOW.toISOString(),
      expiresAt: at(90).toISOString(),
    });
  });

  it.each([
    ['another owner', { opener: { ...opener, organisationId: 'other-owner' } }, 'CUSTOS_R3_1_NOT_THE_SYSTEMS_OWNER'],
    [
      'a request not co-signed',
      { request: request({ status: 'FILED', coSigner: undefined }) },
      'CUSTOS_R18_1_VIEW_NOT_CO_SIGNED',
    ],
    [
      'a withdrawn request (R18.3)',
      { request: request({ status: 'WITHDRAWN' }) },
      'CUSTOS_R18_3_VIEW_REQUEST_WITHDRAWN',
    ],
    [
      'an expired request',
      { request: request({ status: 'EXPIRED', coSigner: undefined }) },
      'CUSTOS_R18_1_VIEW_NOT_CO_SIGNED',
    ],
    ['more than 4 hours', { durationMs: 4 * 60 * 60_000 + 1 }, 'CUSTOS_R18_4_SESSION_TOO_LONG'],
    ['no time at all', { durationMs: 0 }, 'CUSTOS_R18_4_SESSION_TOO_LONG'],
  ])('refuses to open for %s, recording nothing', (_, overrides, code) => {
    const session = new ViewingSession('viewing-session:s-2');
    const result = session.open({
      sessionId: 's-2',
      request: request(),
      opener,
      durationMs: 60_000,
      now: NOW,
      ...overrides,
    });
    expect(codeOf(result)).toBe(code);
    expect(types(session)).toEqual([]);
  });

  it('lets only the two co-signers join (R18.1); joining twice records once', () => {
    const session = opened();
    expect(codeOf(session.join(wang, '610113', NOW))).toBe('CUSTOS_R18_1_NOT_A_CO_SIGNER');
    expect(session.join(li, '610113', at(1))).toEqual({ ok: true, value: { joinedNow: true } });
    expect(session.join(li, '610113', at(2))).toEqual({ ok: true, value: { joinedNow: false } });
    expect(session.bothJoined).toBe(false);
    expect(session.join(zhang, '610113', at(3)).ok).toBe(true);
    expect(session.bothJoined).toBe(true);
    expect(types(session)).toEqual([
      'custody.ViewingSessionOpened',
      'custody.OfficerJoinedViewing',
      'custody.OfficerJoinedViewing',
    ]);
  });

  it('plays only once both joined, only to them, only while open (R18.1, R18.4)', () => {
    const session = opened(60);
    session.join(li, '610113', NOW);
    expect(codeOf(session.mayPlay('p-li', NOW))).toBe('CUSTOS_R18_1_BOTH_OFFICERS_REQUIRED');
    session.join(zhang, '610113', NOW);
    expect(session.mayPlay('p-li', at(59))).toEqual({ ok: true, value: li });
    expect(codeOf(session.mayPlay('p-wang', NOW))).toBe('CUSTOS_R18_1_NOT_A_VIEWER');
    expect(codeOf(session.mayPlay('p-zhang', at(60)))).toBe('CUSTOS_R18_4_SESSION_CLOSED');
  });

  it('closes early by its owner only, and then nothing plays or joins', () => {
    const session = opened();
    session.join(li, '610113', NOW);
    session.join(zhang, '610113', NOW);
    expect(codeOf(session.close('CLOSED_BY_OWNER', { personId: 'x', organisationId: 'other-owner' }, at(5)))).toBe(
      'CUSTOS_R3_1_VIEWING_SESSION_NOT_FOUND',
    );
    expect(session.close('CLOSED_BY_OWNER', { personId: 'p-operator', organisationId: 'owner' }, at(5)).ok).toBe(true);
    expect(session.closed).toMatchObject({
      reason: 'CLOSED_BY_OWNER',
      at: at(5).toISOString(),
      closedByPersonId: 'p-operator',
    });
    expect(codeOf(session.mayPlay('p-li', at(6)))).toBe('CUSTOS_R18_4_SESSION_CLOSED');
    expect(codeOf(session.close('CLOSED_BY_OWNER', { personId: 'p-operator', organisationId: 'owner' }, at(7)))).toBe(
      'CUSTOS_R18_4_SESSION_CLOSED',
    );
    expect(session.isOpenAt(at(6))).toBe(false);
  });

  it('is ended by one of its joined officers, not by anyone else', () => {
    const session = opened();
    session.join(li, '610113', NOW);
    expect(codeOf(session.close('ENDED_BY_OFFICERS', { personId: 'p-zhang', organisationId: 'psb' }, at(1)))).toBe(
      'CUSTOS_R18_1_NOT_A_VIEWER',
    );
    expect(session.close('ENDED_BY_OFFICERS', { personId: 'p-li', organisationId: 'psb' }, at(1)).ok).toBe(true);
    expect(session.closed?.reason).toBe('ENDED_BY_OFFICERS');
  });

  it('records EXPIRED at its expiry, once, and only when due', () => {
    const session = opened(30);
    expect(session.expireIfDue(at(29))).toBe(false);
    expect(session.expireIfDue(at(45))).toBe(true);
    expect(session.closed).toMatchObject({ reason: 'EXPIRED', at: at(30).toISOString() });
    expect(session.expireIfDue(at(50))).toBe(false);
    expect(types(session).filter((t) => t === 'custody.ViewingSessionClosed')).toHaveLength(1);
  });

  it('ends when its request is withdrawn (REQUEST_WITHDRAWN, R18.3): once, and then nothing plays or joins', () => {
    const session = opened(60);
    session.join(li, '610113', NOW);
    session.join(zhang, '610113', NOW);
    expect(session.endForWithdrawnRequest('p-li', at(5))).toBe(true);
    expect(session.closed).toEqual({
      sessionId: 's-1',
      reason: 'REQUEST_WITHDRAWN',
      closedByPersonId: 'p-li',
      at: at(5).toISOString(),
    });
    expect(codeOf(session.mayPlay('p-zhang', at(6)))).toBe('CUSTOS_R18_4_SESSION_CLOSED');
    expect(codeOf(session.join(li, '610113', at(6)))).toBe('CUSTOS_R18_4_SESSION_CLOSED');
    // Redelivered: already closed, nothing more is recorded.
    expect(session.endForWithdrawnRequest('p-li', at(7))).toBe(false);
    expect(types(session).filter((t) => t === 'custody.ViewingSessionClosed')).toHaveLength(1);
  });

  it('leaves a session already closed or past its time to its own end when the request is withdrawn', () => {
    const closed = opened();
    closed.close('CLOSED_BY_OWNER', { personId: 'p-operator', organisationId: 'owner' }, at(1));
    expect(closed.endForWithdrawnRequest('p-li', at(2))).toBe(false);
    expect(closed.closed?.reason).toBe('CLOSED_BY_OWNER');
    const due = opened(30);
    expect(due.endForWithdrawnRequest('p-li', at(30))).toBe(false);
    expect(due.expireIfDue(at(30))).toBe(true);
    expect(due.closed?.reason).toBe('EXPIRED');
  });

  it('rebuilds from its events', () => {
    const session = opened();
    session.join(li, '610113', NOW);
    session.join(zhang, '610113', NOW);
    const rebuilt = new ViewingSession(session.id);
    rebuilt.loadFromHistory(session.getUncommittedEvents());
    expect(rebuilt.bothJoined).toBe(true);
    expect(rebuilt.mayPlay('p-zhang', at(1))).toEqual({ ok: true, value: zhang });
  });
  it('joins a non-signer of the requesting organ only with policy onlySigners off, and never an officer of another organ (R18.1 policy)', () => {
    const strict = opened();
    expect(codeOf(strict.join(wang, '610113', NOW))).toBe('CUSTOS_R18_1_NOT_A_CO_SIGNER');
    const lenient = opened();
    const policy = { officersOfOneOrgan: true, onlySigners: false };
    const chen = custodyOfficer('chen', 'psb-city', 'C-7');
    expect(codeOf(lenient.join(chen, '610100', NOW, policy))).toBe('CUSTOS_R18_1_VIEWER_OF_ANOTHER_ORGAN');
    expect(codeOf(lenient.join(li, '610113', NOW, policy))).toBe('OK');
    expect(lenient.bothJoined).toBe(false);
    expect(codeOf(lenient.join(wang, '610113', NOW, policy))).toBe('OK');
    expect(lenient.bothJoined).toBe(true);
    expect(codeOf(lenient.mayPlay('p-wang', NOW))).toBe('OK');
    expect(codeOf(lenient.mayPlay('p-zhang', NOW))).toBe('CUSTOS_R18_1_NOT_A_VIEWER');
  });
});
